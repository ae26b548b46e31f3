package crm

import "time"

// What the bot decided about one inbound message.
const (
	BotAnswer  = "answer"  // a rule or FAQ answer was queued
	BotHandoff = "handoff" // a person is asked for (or the bot was not sure): the conversation waits for a rep
	BotAway    = "away"    // outside business hours: the away message was queued
	BotNone    = "none"    // nothing to do (bot off, automated mail, a rep is handling it…); Reason says why
)

// Kinds of bot rule.
const (
	RuleWelcome = "welcome" // on a WeChat subscribe; Keywords name the variant
	RuleKeyword = "keyword" // a message matching Keywords by Match
	RuleClick   = "click"   // a WeChat menu CLICK whose key is in Keywords
)

// Keyword match modes.
const (
	MatchExact    = "exact"
	MatchContains = "contains"
	MatchRegex    = "regex"
)

// Welcome variants (a welcome rule's Keywords): a QR scene names itself as
// "qrscene_…"; these two are the others.
const (
	WelcomeAny       = "any"       // any subscribe without a better variant
	WelcomeReturning = "returning" // a follower who had written or followed before
)

// BotRule is one rule of a WeChat account or a mailbox. Rules are tried in
// Priority order (lower first, then id).
type BotRule struct {
	ID       int64    `json:"id"`
	Channel  string   `json:"channel"`
	Account  string   `json:"account"`
	Kind     string   `json:"kind"`
	Name     string   `json:"name"`
	Enabled  bool     `json:"enabled"`
	Priority int      `json:"priority"`
	Match    string   `json:"match,omitempty"` // keyword rules: exact, contains or regex
	Keywords []string `json:"keywords"`
	Reply    string   `json:"reply"`
	ReplyEn  string   `json:"reply_en,omitempty"`
	// LinkTitle and LinkURL make the reply a link card (WeChat news).
	LinkTitle string `json:"link_title,omitempty"`
	LinkURL   string `json:"link_url,omitempty"`
	// ImageID is an uploaded image (POST /api/v1/bot/images) sent with
	// the reply: on WeChat an image message through uploaded media. Image
	// is its metadata, filled when the rule is saved.
	ImageID   *int64      `json:"image_id,omitempty"`
	Image     *Attachment `json:"image,omitempty"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// FAQ is one entry of the shared FAQ that the bot answers from.
type FAQ struct {
	ID           int64     `json:"id"`
	Question     string    `json:"question"`
	Alternatives []string  `json:"alternatives"`
	Answer       string    `json:"answer"`
	AnswerEn     string    `json:"answer_en"`
	Enabled      bool      `json:"enabled"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// BotDecision is the bot's one decision about an inbound message, with its
// reason, kept for the conversation and the reports.
type BotDecision struct {
	MessageID      int64     `json:"message_id"`
	ConversationID int64     `json:"conversation_id"`
	Channel        string    `json:"channel"`
	Account        string    `json:"account"`
	Action         string    `json:"action"`
	Reason         string    `json:"reason"`
	RuleID         *int64    `json:"rule_id,omitempty"`
	FAQID          *int64    `json:"faq_id,omitempty"`
	Score          float64   `json:"score,omitempty"`
	ReplyMessageID *int64    `json:"reply_message_id,omitempty"`
	DecidedAt      time.Time `json:"decided_at"`
	// HandoffTeamID is the team whose round robin a hand-off uses when
	// the conversation has no assignee and no record owner (the account's
	// BotSettings.HandoffTeamID); not stored.
	HandoffTeamID int64 `json:"-"`
}

// BotRecord is a decision with the answer it queues (M and O nil: none).
type BotRecord struct {
	D *BotDecision
	M *Message
	O *Outgoing
}

// BotInput is what the bot reads about an inbound message before deciding.
type BotInput struct {
	Message  *Message
	Settings *BotSettings // the account's; the bot fills it from its cache
	// PriorInbound counts the conversation's inbound messages before this
	// one (a returning follower has some).
	PriorInbound int
	// LastRepAt is when a rep last wrote in the conversation (nil: never).
	LastRepAt *time.Time
	// LastAwayAt is when the bot last sent the away message there.
	LastAwayAt *time.Time
	// FromColleague is set when the sender is one of our users.
	FromColleague bool
	// Paused is set when a rep paused the bot in the conversation.
	Paused bool
	// LastHandoffAt is when the follower last asked for a person (or
	// complained) and the bot handed the conversation over: it stays
	// silent there for a while.
	LastHandoffAt *time.Time
	// NeedsReview is set when the matcher sent the conversation to the
	// review queue (its rules pointed at different contacts): a person
	// answers there, not the FAQ.
	NeedsReview bool
}

// BotDayCount is one row of the bot's report: per channel, account and day.
type BotDayCount struct {
	Day      string `json:"day"` // YYYY-MM-DD, UTC
	Channel  string `json:"channel"`
	Account  string `json:"account"`
	Answered int    `json:"answered"`
	Handoffs int    `json:"handoffs"`
	Away     int    `json:"away"`
	// Conversations the bot acted in, and of those the ones no rep wrote
	// in that day: ResolvedShare = BotOnly / Conversations.
	Conversations int     `json:"conversations"`
	BotOnly       int     `json:"bot_only"`
	ResolvedShare float64 `json:"resolved_share"`
}
