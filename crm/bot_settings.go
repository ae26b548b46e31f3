package crm

import (
	"fmt"
	"strings"
	"time"
)

// BotSettings are the bot's switches for one WeChat account or mailbox.
// An account without saved settings has DefaultBotSettings.
type BotSettings struct {
	Channel string `json:"channel"`
	Account string `json:"account"`
	Enabled bool   `json:"enabled"`
	// FAQ answers from the shared FAQ when the match is confident.
	FAQ bool `json:"faq"`
	// Threshold is the lowest FAQ score answered, Margin how far the best
	// entry must lead the runner-up; 0 takes the tuned defaults.
	Threshold float64 `json:"threshold,omitempty"`
	Margin    float64 `json:"margin,omitempty"`
	// HandoffPhrases reach a person at once; empty takes the defaults.
	HandoffPhrases []string    `json:"handoff_phrases,omitempty"`
	HandoffText    string      `json:"handoff_text,omitempty"` // what the follower is told; empty: the default
	TimeZone       string      `json:"time_zone,omitempty"`    // default Asia/Shanghai
	Hours          []WeekHours `json:"hours,omitempty"`        // empty: always open
	Holidays       []string    `json:"holidays,omitempty"`     // YYYY-MM-DD, closed all day
	AwayText       string      `json:"away_text,omitempty"`    // empty: no away message
	// AwayEveryHours: at most one away message per conversation per this
	// many hours (default 12).
	AwayEveryHours int `json:"away_every_hours,omitempty"`
	// RepSilenceMinutes: the bot is silent this long after a rep wrote in
	// the conversation (default 240).
	RepSilenceMinutes int `json:"rep_silence_minutes,omitempty"`
	// Acknowledge (mailboxes): the first mail of a new conversation from a
	// person gets AckText (plus a confident FAQ answer).
	Acknowledge bool   `json:"acknowledge,omitempty"`
	AckText     string `json:"ack_text,omitempty"`
	// Generative lets the generative endpoint (GenerativeSettings, off by
	// default) phrase this account's FAQ answers from the entries found.
	Generative bool `json:"generative,omitempty"`
	// HandoffTeamID is the team whose round robin gets a conversation the
	// bot hands over with no assignee and no record owner; 0: none.
	HandoffTeamID int64 `json:"handoff_team_id,omitempty"`
	// Menu (WeChat accounts) is the menu as edited in Rapport; publishing
	// sends it to WeChat.
	Menu      *Menu     `json:"menu,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DefaultBotSettings are an account's settings until an admin saves some.
// A WeChat account connected to Rapport has lost the console's own
// auto-replies, so its bot is on and answers from the FAQ (it says nothing
// while the FAQ and the rules are empty, and still hands 转人工 to a
// person); a mailbox's bot is off until switched on.
func DefaultBotSettings(channel, account string) *BotSettings {
	on := channel == ChannelWeChat
	return &BotSettings{Channel: channel, Account: account, Enabled: on, FAQ: on, TimeZone: "Asia/Shanghai"}
}

// WeekHours are the open hours of one weekday (0 = Sunday), "09:00"–"18:00".
type WeekHours struct {
	Day  int    `json:"day"`
	From string `json:"from"`
	To   string `json:"to"`
}

// DefaultHandoffPhrases are what a follower says to reach a person.
var DefaultHandoffPhrases = []string{"转人工", "人工客服", "人工服务", "找人工", "人工", "找客服", "联系客服", "真人", "客服在吗",
	"找经理", "叫你们经理", "human", "agent", "real person", "talk to a person", "talk to someone", "speak to someone",
	"speak with someone", "representative", "operator", "manager"}

// Validate checks the settings and fills defaults.
func (s *BotSettings) Validate() error {
	p := Problems{}
	p.OneOf("channel", s.Channel, ChannelWeChat, ChannelEmail)
	p.Require("channel", s.Channel)
	p.Require("account", s.Account)
	if s.TimeZone == "" {
		s.TimeZone = "Asia/Shanghai"
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		p.Add("time_zone", "is not a known time zone")
	}
	if s.Threshold < 0 || s.Threshold > 1 {
		p.Add("threshold", "must be between 0 and 1")
	}
	if s.Margin < 0 || s.Margin > 1 {
		p.Add("margin", "must be between 0 and 1")
	}
	for i, h := range s.Hours {
		f := fmt.Sprintf("hours[%d]", i)
		a, okA := clockMinutes(h.From)
		b, okB := clockMinutes(h.To)
		switch {
		case h.Day < 0 || h.Day > 6:
			p.Add(f, "day must be 0 (Sunday) to 6")
		case !okA || !okB:
			p.Add(f, "from and to must be HH:MM")
		case b <= a:
			p.Add(f, "to must be after from")
		}
	}
	for i, d := range s.Holidays {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			p.Add(fmt.Sprintf("holidays[%d]", i), "must be YYYY-MM-DD")
		}
	}
	for i, ph := range s.HandoffPhrases {
		if strings.TrimSpace(ph) == "" {
			p.Add(fmt.Sprintf("handoff_phrases[%d]", i), "is empty")
		}
	}
	if s.AwayEveryHours < 0 || s.RepSilenceMinutes < 0 {
		p.Add("away_every_hours", "must not be negative")
	}
	if s.Menu != nil {
		if err := s.Menu.Validate(); err != nil {
			for f, msg := range ErrorFields(err) {
				p.Add("menu."+f, msg)
			}
		}
	}
	return p.Err()
}

// Open reports whether t falls in the business hours (always, without any).
func (s *BotSettings) Open(t time.Time) bool {
	if len(s.Hours) == 0 {
		return true
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil || s.TimeZone == "" {
		loc = shanghai
	}
	t = t.In(loc)
	day := t.Format(time.DateOnly)
	for _, h := range s.Holidays {
		if h == day {
			return false
		}
	}
	m := t.Hour()*60 + t.Minute()
	for _, h := range s.Hours {
		a, _ := clockMinutes(h.From)
		b, _ := clockMinutes(h.To)
		if int(t.Weekday()) == h.Day && m >= a && m < b {
			return true
		}
	}
	return false
}

var shanghai = time.FixedZone("CST", 8*3600)

func clockMinutes(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		if s == "24:00" {
			return 24 * 60, true
		}
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}
