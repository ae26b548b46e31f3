package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// faqBody is an FAQ entry as the API takes it; Enabled defaults to true.
type faqBody struct {
	Question     string   `json:"question"`
	Alternatives []string `json:"alternatives"`
	Answer       string   `json:"answer"`
	AnswerEn     string   `json:"answer_en"`
	Enabled      *bool    `json:"enabled"`
	// UnansweredID, when set, is the unanswered question the entry is
	// written from: it leaves the list with the entry's creation.
	UnansweredID *int64 `json:"unanswered_id,omitempty"`
}

func (b faqBody) faq() *crm.FAQ {
	f := &crm.FAQ{Question: b.Question, Alternatives: b.Alternatives, Answer: b.Answer, AnswerEn: b.AnswerEn, Enabled: true}
	if b.Enabled != nil {
		f.Enabled = *b.Enabled
	}
	return f
}

type botPauseBody struct {
	Paused bool `json:"paused"`
}

// bot returns the bot's store: Deps.Bot, else the main store when it
// implements it (the SQL store does).
func (s *Server) bot() (crm.BotStore, error) {
	if s.deps.Bot != nil {
		return s.deps.Bot, nil
	}
	if b, ok := s.store.(crm.BotStore); ok {
		return b, nil
	}
	return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "this server has no bot store")
}

func (s *Server) botAndID(r *http.Request) (crm.BotStore, int64, error) {
	b, err := s.bot()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r)
	return b, id, err
}

func (s *Server) getBotSettings(r *http.Request) (*crm.BotSettings, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	ch, acc := q.str("channel"), q.str("account")
	if ch == "" || acc == "" {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Name the account.",
			Fields: map[string]string{"channel": "and account are required"}}
	}
	return b.BotSettings(r.Context(), ch, acc)
}

func (s *Server) putBotSettings(r *http.Request) (*crm.BotSettings, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	var st crm.BotSettings
	if err := decodeNew(r, &st); err != nil {
		return nil, err
	}
	return &st, b.SaveBotSettings(r.Context(), &st)
}

func (s *Server) listBotRules(r *http.Request) ([]*crm.BotRule, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	return b.BotRules(r.Context(), q.str("channel"), q.str("account"))
}

func (s *Server) createBotRule(r *http.Request) (*crm.BotRule, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	rule := crm.BotRule{Enabled: true}
	if err := decodeNew(r, &rule); err != nil {
		return nil, err
	}
	if err := s.fillRuleImage(r.Context(), &rule); err != nil {
		return nil, err
	}
	return &rule, b.CreateBotRule(r.Context(), &rule)
}

func (s *Server) updateBotRule(r *http.Request) (*crm.BotRule, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return nil, err
	}
	var rule crm.BotRule
	if err := decodeNew(r, &rule); err != nil {
		return nil, err
	}
	rule.ID = id
	if err := s.fillRuleImage(r.Context(), &rule); err != nil {
		return nil, err
	}
	return &rule, b.UpdateBotRule(r.Context(), &rule)
}

func (s *Server) deleteBotRule(r *http.Request) (deleted, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return deleted{}, err
	}
	return deleted{Deleted: true}, b.DeleteBotRule(r.Context(), id)
}

func (s *Server) listFAQs(r *http.Request) ([]*crm.FAQ, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	return b.FAQs(r.Context())
}

func (s *Server) createFAQ(r *http.Request) (*crm.FAQ, error) { return s.createFAQFrom(r, nil) }

// createFAQFrom creates the entry in r's body, written from unanswered
// question from (or the body's unanswered_id) when one is named.
func (s *Server) createFAQFrom(r *http.Request, from *int64) (*crm.FAQ, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	var body faqBody
	if err := decodeNew(r, &body); err != nil {
		return nil, err
	}
	f := body.faq()
	if body.UnansweredID != nil {
		from = body.UnansweredID
	}
	if from == nil {
		return f, b.CreateFAQ(r.Context(), f)
	}
	us, err := s.unanswered()
	if err == nil {
		_, err = us.NewFAQFromUnanswered(r.Context(), viewerOf(r).UserID, *from, f)
	}
	return f, err
}

func (s *Server) updateFAQ(r *http.Request) (*crm.FAQ, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return nil, err
	}
	var body faqBody
	if err := decodeNew(r, &body); err != nil {
		return nil, err
	}
	f := body.faq()
	f.ID = id
	return f, b.UpdateFAQ(r.Context(), f)
}

func (s *Server) deleteFAQ(r *http.Request) (deleted, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return deleted{}, err
	}
	return deleted{Deleted: true}, b.DeleteFAQ(r.Context(), id)
}

func (s *Server) putBotPause(r *http.Request) (botPauseBody, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return botPauseBody{}, err
	}
	var body botPauseBody
	if err := decodeNew(r, &body); err != nil {
		return body, err
	}
	if err := b.SetBotPaused(r.Context(), viewerOf(r), id, body.Paused); err != nil {
		return body, err
	}
	s.publish(EventConversationUpdated, id, 0)
	return body, nil
}

func (s *Server) getBotDecisions(r *http.Request) ([]*crm.BotDecision, error) {
	b, id, err := s.botAndID(r)
	if err != nil {
		return nil, err
	}
	// The decisions are the conversation's: only those who may see it.
	if _, err := s.store.Conversation(r.Context(), viewerOf(r), id); err != nil {
		return nil, err
	}
	return b.BotDecisions(r.Context(), id)
}

func (s *Server) botCounts(r *http.Request) ([]*crm.BotDayCount, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	today := s.now().UTC().Truncate(24 * time.Hour)
	from, to := today.AddDate(0, 0, -30), today
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &from}, {"to", &to}} {
		if v := q.str(p.name); v != "" {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				return nil, &crm.Error{Code: crm.EINVALID, Message: "Bad day.", Fields: map[string]string{p.name: "must be YYYY-MM-DD"}}
			}
			*p.dst = t
		}
	}
	return b.BotCounts(r.Context(), from, to.AddDate(0, 0, 1))
}
