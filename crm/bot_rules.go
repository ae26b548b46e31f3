package crm

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Validate checks a rule, naming each field that is wrong. A regular
// expression that does not compile is refused here, never at match time.
func (r *BotRule) Validate() error {
	p := Problems{}
	p.Require("channel", r.Channel)
	p.OneOf("channel", r.Channel, ChannelWeChat, ChannelEmail)
	p.Require("account", r.Account)
	p.Require("kind", r.Kind)
	p.OneOf("kind", r.Kind, RuleWelcome, RuleKeyword, RuleClick)
	p.MaxLen("name", r.Name, 60)
	if strings.TrimSpace(r.Reply) == "" && r.LinkURL == "" && r.ImageID == nil {
		p.Add("reply", "is required")
	}
	p.MaxLen("reply", r.Reply, 2000)
	p.MaxLen("reply_en", r.ReplyEn, 2000)
	if r.LinkURL != "" {
		if u, err := url.Parse(r.LinkURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			p.Add("link_url", "must be an http(s) address")
		}
		p.Require("link_title", r.LinkTitle)
	}
	switch r.Kind {
	case RuleKeyword:
		if r.Match == "" {
			r.Match = MatchContains
		}
		p.OneOf("match", r.Match, MatchExact, MatchContains, MatchRegex)
		if len(r.Keywords) == 0 {
			p.Add("keywords", "needs at least one keyword")
		}
	case RuleClick:
		if len(r.Keywords) == 0 {
			p.Add("keywords", "needs the menu key")
		}
	case RuleWelcome:
		if len(r.Keywords) == 0 {
			r.Keywords = []string{WelcomeAny}
		}
	}
	if len(r.Keywords) > 20 {
		p.Add("keywords", "has more than 20 keywords")
	}
	for i, k := range r.Keywords {
		f := fmt.Sprintf("keywords[%d]", i)
		switch {
		case strings.TrimSpace(k) == "":
			p.Add(f, "is empty")
		case len(k) > 128:
			p.Add(f, "is longer than 128 bytes")
		case r.Kind == RuleKeyword && r.Match == MatchRegex:
			if _, err := regexp.Compile(k); err != nil {
				p.Add(f, "is not a valid regular expression: "+err.Error())
			}
		case r.Kind == RuleWelcome && k != WelcomeAny && k != WelcomeReturning && !strings.HasPrefix(k, "qrscene_"):
			p.Add(f, `must be "any", "returning" or "qrscene_…"`)
		}
	}
	return p.Err()
}

// Validate checks an FAQ entry.
func (f *FAQ) Validate() error {
	p := Problems{}
	p.Require("question", f.Question)
	p.MaxLen("question", f.Question, 500)
	p.Require("answer", f.Answer)
	p.MaxLen("answer", f.Answer, 2000)
	p.MaxLen("answer_en", f.AnswerEn, 2000)
	if len(f.Alternatives) > 50 {
		p.Add("alternatives", "has more than 50 phrasings")
	}
	for i, a := range f.Alternatives {
		if strings.TrimSpace(a) == "" {
			p.Add(fmt.Sprintf("alternatives[%d]", i), "is empty")
		}
		p.MaxLen(fmt.Sprintf("alternatives[%d]", i), a, 500)
	}
	return p.Err()
}

// BotStore keeps the bot's settings, rules, FAQ and decisions.
type BotStore interface {
	// BotSettings returns an account's settings, DefaultBotSettings for
	// one that has none saved.
	BotSettings(ctx context.Context, channel, account string) (*BotSettings, error)
	SaveBotSettings(ctx context.Context, s *BotSettings) error
	// BotRules lists the rules of one account, or of all when channel is "".
	BotRules(ctx context.Context, channel, account string) ([]*BotRule, error)
	BotRule(ctx context.Context, id int64) (*BotRule, error)
	CreateBotRule(ctx context.Context, r *BotRule) error
	UpdateBotRule(ctx context.Context, r *BotRule) error
	DeleteBotRule(ctx context.Context, id int64) error
	FAQs(ctx context.Context) ([]*FAQ, error)
	FAQ(ctx context.Context, id int64) (*FAQ, error)
	CreateFAQ(ctx context.Context, f *FAQ) error
	UpdateFAQ(ctx context.Context, f *FAQ) error
	DeleteFAQ(ctx context.Context, id int64) error
	// ImportFAQs adds the entries in one transaction: all or none.
	ImportFAQs(ctx context.Context, fs []*FAQ) error
	// BotRevision changes whenever settings, rules or the FAQ change.
	BotRevision(ctx context.Context) (int64, error)
	// BotInput reads what deciding about inbound message id needs.
	BotInput(ctx context.Context, messageID int64) (*BotInput, error)
	// RecordBotDecision stores d and, when m is not nil, queues m with o as
	// its outbox entry, and, for a hand-off, reopens the conversation and
	// gives it, when unassigned, to the owner of its records or the next
	// rep of the hand-off team's round robin (saying so in d.Reason), all
	// in one transaction. It returns false, changing nothing, when the
	// message was decided already.
	RecordBotDecision(ctx context.Context, d *BotDecision, m *Message, o *Outgoing) (bool, error)
	// RecordBotDecisions records several in one transaction (one write
	// lock for a burst of messages instead of one each), and reports which
	// were new.
	RecordBotDecisions(ctx context.Context, rs []BotRecord) ([]bool, error)
	// UndecidedMessages lists inbound messages stored since a time that
	// have no decision, oldest first (a crash between ingest and the bot).
	UndecidedMessages(ctx context.Context, since time.Time, limit int) ([]int64, error)
	// BotDecisions lists a conversation's decisions, oldest first.
	BotDecisions(ctx context.Context, conversationID int64) ([]*BotDecision, error)
	// SetBotPaused pauses or resumes the bot in one conversation.
	SetBotPaused(ctx context.Context, v Viewer, conversationID int64, paused bool) error
	// BotCounts reports per channel, account and day in [from, to).
	BotCounts(ctx context.Context, from, to time.Time) ([]*BotDayCount, error)
}
