package crm

import "time"

// Survey states: what became of asking one resolution's customer.
const (
	SurveyAsked    = "asked"    // the question was queued; no score yet
	SurveyAnswered = "answered" // a score came back
	SurveySkipped  = "skipped"  // not asked; Reason says why
)

// How a score came back.
const (
	AnsweredByReply = "reply" // a WeChat (or mail) reply of 1–5 in the conversation
	AnsweredByLink  = "link"  // a click on a score in the survey email
)

// SatisfactionSettings say whether and how to ask for a score when a
// conversation is resolved. The row with empty Channel and Account is the
// default of every account without its own.
type SatisfactionSettings struct {
	Channel string `json:"channel"` // "" for the default row
	Account string `json:"account"` // a WeChat AppID or a mailbox id; "" for the default row
	Enabled bool   `json:"enabled"`
	// LowScore: a score at or below it opens a task for the manager.
	LowScore int `json:"low_score"`
	// ReplyHours is how long a reply of 1–5 counts as the score.
	ReplyHours int `json:"reply_hours"`
	// LinkDays is how long the email's score links work.
	LinkDays int `json:"link_days"`
	// Locale is the question's language ("zh-CN" or "en"); Question, when
	// set, replaces the built-in wording.
	Locale    string    `json:"locale"`
	Question  string    `json:"question"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DefaultSatisfaction is the settings of an account nobody set: off.
func DefaultSatisfaction() SatisfactionSettings {
	return SatisfactionSettings{LowScore: 2, ReplyHours: 24, LinkDays: 7, Locale: "zh-CN"}
}

// Validate checks the settings' fields. EINVALID naming them.
func (s *SatisfactionSettings) Validate() error {
	p := Problems{}
	if (s.Channel == "") != (s.Account == "") {
		p.Add("account", "is required with a channel, and only with one")
	}
	if s.Channel != "" {
		p.OneOf("channel", s.Channel, ChannelWeChat, ChannelEmail)
	}
	if s.LowScore < 0 || s.LowScore > 4 {
		p.Add("low_score", "must be 0 to 4 (0: no task)")
	}
	if s.ReplyHours < 1 || s.ReplyHours > 48 {
		p.Add("reply_hours", "must be 1 to 48 (WeChat's window)")
	}
	if s.LinkDays < 1 || s.LinkDays > 60 {
		p.Add("link_days", "must be 1 to 60")
	}
	p.OneOf("locale", s.Locale, "zh-CN", "en")
	p.MaxLen("question", s.Question, 500)
	return p.Err()
}

// Survey is one resolution's satisfaction survey: asked once, answered at
// most once per score (a later click changes it until it expires).
type Survey struct {
	ID              int64      `json:"id"`
	ConversationID  int64      `json:"conversation_id"`
	ResolvedAt      time.Time  `json:"resolved_at"`
	Channel         string     `json:"channel"`
	Account         string     `json:"account"`
	ContactID       *int64     `json:"contact_id"`
	CustomerID      *int64     `json:"customer_id"`
	RepID           *int64     `json:"rep_id"`
	TeamID          *int64     `json:"team_id"`
	State           string     `json:"state"`
	Reason          string     `json:"reason,omitempty"`
	MessageID       *int64     `json:"message_id"`
	AskedAt         time.Time  `json:"asked_at"`
	ExpiresAt       time.Time  `json:"expires_at"`
	LowScore        int        `json:"low_score"`
	Score           *int       `json:"score"`
	AnsweredAt      *time.Time `json:"answered_at"`
	AnsweredBy      string     `json:"answered_by,omitempty"`
	AnswerMessageID *int64     `json:"answer_message_id"`
	TaskID          *int64     `json:"task_id"`
}

// Low reports whether the survey's score is at or below its threshold.
func (s *Survey) Low() bool { return s.Score != nil && *s.Score <= s.LowScore }

// SurveyDue is a resolved conversation not asked about this resolution yet.
type SurveyDue struct {
	Conversation *Conversation
	ResolvedAt   time.Time
	// Inbound counts the customer's own messages in the conversation: a
	// conversation they never wrote in is not theirs to rate.
	Inbound int
}

// SurveyAnswer is a score given to a survey.
type SurveyAnswer struct {
	SurveyID  int64
	Score     int
	By        string // AnsweredByReply, AnsweredByLink
	MessageID *int64 // the reply that carried it
	At        time.Time
}

// SatisfactionQuery asks for score totals over answered surveys, grouped by
// one dimension. Viewer limits them to what it may see (a rep: their own).
type SatisfactionQuery struct {
	Viewer Viewer
	By     string    // SatisfactionBy*
	From   time.Time // answered at or after; zero: no bound
	To     time.Time // answered before; zero: no bound
	RepID  *int64
	TeamID *int64
}

// Dimensions of satisfaction totals.
const (
	SatisfactionByRep     = "rep"
	SatisfactionByTeam    = "team"
	SatisfactionByChannel = "channel"
	SatisfactionByDay     = "day"   // YYYY-MM-DD, UTC
	SatisfactionByMonth   = "month" // YYYY-MM, UTC
)

// SatisfactionRow is one group's totals: Key is the rep's or team's id,
// the channel, or the period ("" for none: no rep, no team).
type SatisfactionRow struct {
	Key     string  `json:"key"`
	Count   int     `json:"count"`
	Sum     int     `json:"sum"`
	Average float64 `json:"average"`
	Low     int     `json:"low"`               // at or below the survey's threshold
	Scores  [5]int  `json:"scores"`            // how many of each score, 1 to 5
	Percent float64 `json:"satisfied_percent"` // share of 4 and 5 (CSAT), 0–100
}
