package email

import (
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// automatedBy tells auto-replies, vacation notices, lists, daemons and
// notifications apart from mail a person wrote, and says what showed it:
// RFC 3834 and the headers mailers use in practice, then the sender's
// address (see automatedSender), since many notification systems send
// none of those headers.
func automatedBy(h gomail.Header) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "Auto-Submitted: " + v
	}
	switch v := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); v {
	case "bulk", "junk", "list", "auto_reply":
		return "Precedence: " + v
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Auto-Reply", "List-Id", "List-Unsubscribe"} {
		if h.Has(k) {
			return k + " header"
		}
	}
	if strings.EqualFold(strings.TrimSpace(h.Get("X-Auto-Response-Suppress")), "All") && h.Has("X-MS-Exchange-Generated-Message-Source") {
		return "Exchange system message"
	}
	if rp := strings.TrimSpace(h.Get("Return-Path")); rp == "<>" {
		return "Return-Path: <> (a bounce or notice)"
	}
	for _, key := range []string{"From", "Sender"} {
		for _, a := range addresses(h, key) {
			if why := automatedSender(a.Address); why != "" {
				return why + " " + a.Address
			}
		}
	}
	return ""
}

// automatedSender says why an address is a machine's: its local part
// (noreply, no-reply, do-not-reply, notification(s), mailer-daemon,
// bounce…, also inside longer names like "account-noreply" or
// "noreply123"), or a subdomain that notice systems send from
// (notice.example.com, bounces.example.com). "" for anyone else.
func automatedSender(addr string) string {
	local, domain, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok {
		return ""
	}
	if why := automatedLocal(local); why != "" {
		return why
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels[:max(len(labels)-2, 0)] {
		if noticeLabels[l] || noticeLabels[strings.TrimRight(l, "0123456789")] {
			return "notice domain sender"
		}
	}
	return ""
}

func automatedLocal(local string) string {
	if tag := strings.IndexByte(local, '+'); tag > 0 {
		local = local[:tag]
	}
	compact := strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || ('0' <= r && r <= '9') {
			return -1
		}
		return r
	}, local)
	for _, s := range noReplyWords {
		if strings.Contains(compact, s) {
			return "no-reply sender"
		}
	}
	for _, p := range daemonPrefixes {
		if strings.HasPrefix(compact, p) {
			return "mailer daemon sender"
		}
	}
	for _, w := range strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if noticeWords[strings.TrimRight(w, "0123456789")] {
			return "notification sender"
		}
	}
	return ""
}

var (
	// noReplyWords, found anywhere in a local part stripped of . - _ and
	// digits, say a person will not read the answer.
	noReplyWords = []string{"noreply", "donotreply", "dontreply", "donotrespond", "norespond", "noresponse",
		"nepasrepondre", "noanswer", "unmonitored"}
	// daemonPrefixes start the local parts of bounce and daemon senders,
	// also with a VERP tag (bounces-123-abc@, bounce+id=x@).
	daemonPrefixes = []string{"mailerdaemon", "postmaster", "bounce", "mailer", "mdaemon", "maildaemon",
		"autoreply", "autorespond", "autoresponder", "automailer", "automated"}
	// noticeWords are whole words of a local part (order-notification@,
	// notifications@, alert@) that name a notice system.
	noticeWords = setOf("notification", "notifications", "notify", "notifier", "notice", "notices", "alert",
		"alerts", "alerting", "notif", "notifs", "newsletter", "newsletters", "digest", "mailer")
	// noticeLabels are subdomains that companies keep for automated mail.
	noticeLabels = setOf("notice", "notices", "notification", "notifications", "notify", "alert", "alerts",
		"bounce", "bounces", "noreply", "no-reply", "donotreply", "do-not-reply", "mailer", "edm",
		"newsletter", "newsletters", "bulk", "mass", "mailing", "em", "emarketing")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
