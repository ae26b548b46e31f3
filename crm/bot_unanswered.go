package crm

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// What an admin did with a question the bot was unsure of (未识别问题).
const (
	UnansweredTaught    = "taught"    // its text became a phrasing of an FAQ entry
	UnansweredNewEntry  = "new_entry" // a new FAQ entry was written from it
	UnansweredDismissed = "dismissed" // not a question for the FAQ
)

// UnansweredQuestion is an inbound message the bot handed to a person
// because no FAQ entry was a sure match: the material an admin teaches
// the bot from. Its ID is the message's.
type UnansweredQuestion struct {
	ID             int64  `json:"id"`
	ConversationID int64  `json:"conversation_id"`
	Channel        string `json:"channel"`
	Account        string `json:"account"`
	// Text is what the bot read: a WeChat message's text, a mail's
	// subject and first lines (UnansweredText).
	Text    string    `json:"text"`
	AskedAt time.Time `json:"asked_at"`
	Reason  string    `json:"reason"` // the decision's
	// The bot's best guess, when some entry scored at all.
	GuessFAQID    *int64  `json:"guess_faq_id,omitempty"`
	GuessQuestion string  `json:"guess_question,omitempty"`
	GuessScore    float64 `json:"guess_score,omitempty"`
	// Count is how many waiting questions read the same once normalized
	// (QuestionKey), this one the newest: an action on it handles them all.
	Count int `json:"count"`
	// What was done, once it was: Outcome is one of the Unanswered*
	// constants, FAQID the entry taught or written.
	Outcome   string     `json:"outcome,omitempty"`
	FAQID     *int64     `json:"faq_id,omitempty"`
	HandledBy *int64     `json:"handled_by,omitempty"`
	HandledAt *time.Time `json:"handled_at,omitempty"`
}

// UnansweredFilter narrows the list to one account (Channel and Account
// both set) and pages it by ID, newest first.
type UnansweredFilter struct {
	Channel, Account string
	Page
}

// Teaching is what an action on a question did: the entry taught or
// written (nil on a dismissal) and how many waiting questions it handled.
type Teaching struct {
	FAQ     *FAQ `json:"faq,omitempty"`
	Handled int  `json:"handled"`
}

// UnansweredStore keeps the bot's unsure hand-offs and what admins did
// with them. The store records one with the hand-off's decision.
type UnansweredStore interface {
	// Unanswered lists the questions no one has acted on, newest first,
	// identical ones (by QuestionKey) as one with their Count.
	Unanswered(ctx context.Context, f UnansweredFilter) (List[*UnansweredQuestion], error)
	// UnansweredQuestion returns one, handled or not. ENOTFOUND.
	UnansweredQuestion(ctx context.Context, id int64) (*UnansweredQuestion, error)
	// TeachUnanswered appends text (the question's own when "") to entry
	// faqID's alternatives, so the bot answers it with that entry from
	// then on, and marks the question and the identical waiting ones
	// taught by user by, with an audit entry, in one transaction.
	// ENOTFOUND (no such question), ECONFLICT (handled already), EINVALID
	// (faq_id names no entry; the entry has no room for another phrasing).
	TeachUnanswered(ctx context.Context, by, id, faqID int64, text string) (*Teaching, error)
	// NewFAQFromUnanswered creates f and marks the question and the
	// identical waiting ones new_entry, as TeachUnanswered does.
	NewFAQFromUnanswered(ctx context.Context, by, id int64, f *FAQ) (*Teaching, error)
	// DismissUnanswered marks the question and the identical waiting ones
	// dismissed. ENOTFOUND, ECONFLICT.
	DismissUnanswered(ctx context.Context, by, id int64) (*Teaching, error)
}

// unsureReason reads the bot's reason for an unsure hand-off: "unsure:
// best faq 6 score 0.29 (runner-up 0.00)" names its best guess.
var unsureReason = regexp.MustCompile(`^unsure: best faq (\d+) score ([0-9.]+)`)

// IsUnsure reports whether a decision is a hand-off for want of a sure
// FAQ match (not a request for a person, a complaint, an order…).
func IsUnsure(action, reason string) bool {
	return action == BotHandoff && strings.HasPrefix(reason, "unsure:")
}

// UnsureGuess reads the best guess from an unsure hand-off's reason; ok
// is false when no entry scored at all.
func UnsureGuess(reason string) (faqID int64, score float64, ok bool) {
	m := unsureReason.FindStringSubmatch(reason)
	if m == nil {
		return 0, 0, false
	}
	faqID, err1 := strconv.ParseInt(m[1], 10, 64)
	score, err2 := strconv.ParseFloat(m[2], 64)
	return faqID, score, err1 == nil && err2 == nil
}

// UnansweredText is the question as the bot read it: a WeChat message's
// text; a mail's subject and its first lines, up to the quoted mail, on
// one line. It is cut to what an FAQ phrasing may hold (500 characters).
func UnansweredText(channel, subject, text string) string {
	if channel == ChannelEmail {
		var keep []string
		for i, l := range strings.Split(text, "\n") {
			if i == 8 || strings.HasPrefix(strings.TrimSpace(l), ">") {
				break
			}
			keep = append(keep, l)
		}
		// One line: the text is shown and edited in a one-line input.
		text = subject + " " + strings.Join(keep, " ")
	}
	text = strings.TrimSpace(text)
	if r := []rune(text); len(r) > 500 {
		text = strings.TrimSpace(string(r[:500]))
	}
	return text
}

// QuestionKey is what identical questions share: the text lower-cased,
// full-width letters and digits folded, without spaces, punctuation or
// emoji ("运费多少？" and "运费 多少" are one question). A text of only
// those is its own key.
func QuestionKey(text string) string {
	var b strings.Builder
	for _, r := range text {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return strings.TrimSpace(text)
	}
	return b.String()
}
