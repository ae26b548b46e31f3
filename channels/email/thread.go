package email

import (
	"regexp"
	"strings"
)

// replyPrefix matches the reply and forward markers mailers put before a
// subject, with or without a count ("Re[2]:"): English and Chinese, and
// the German (AW, WG), French (TR), Spanish (RV), Portuguese (RES, ENC),
// Dutch, Nordic, Japanese, Korean and Russian ones the forward markers
// know too.
var replyPrefix = regexp.MustCompile(`(?i)^\s*(re|fw|fwd|aw|wg|tr|rv|res|enc|antw|doorst|sv|vs|vl|` +
	`回复|答复|回覆|转发|轉寄|返信|転送|회신|전달|отв|пер)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*`)

// NormalizeSubject strips reply and forward prefixes and folds case and
// spaces. replied tells whether there was a prefix: only such subjects are
// threaded by subject, since "Hello" twice may well be two matters.
func NormalizeSubject(s string) (norm string, replied bool) {
	for {
		loc := replyPrefix.FindStringIndex(s)
		if loc == nil {
			break
		}
		s, replied = s[loc[1]:], true
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " ")), replied
}

// tokenPrefix starts the reply token in our Message-IDs and plus addresses:
// <rpt-TOKEN@domain>, and mailbox+rpt-TOKEN@domain as the Reply-To.
const tokenPrefix = "rpt-"

// replyTokenRefs returns, for each address of ours carrying a reply token
// (support+rpt-abc@example.com), the Message-ID that token stands for.
func replyTokenRefs(addrs []string) []string {
	var out []string
	for _, a := range addrs {
		local, domain, ok := strings.Cut(a, "@")
		if !ok {
			continue
		}
		if _, tag, ok := strings.Cut(local, "+"); ok && strings.HasPrefix(tag, tokenPrefix) && len(tag) > len(tokenPrefix) {
			out = append(out, tag+"@"+domain)
		}
	}
	return out
}
