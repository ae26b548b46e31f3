package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// teachBody is POST /api/v1/bot/unanswered/{id}/teach: the entry, and
// the phrasing to add when it is not the question's own text (a mail's
// signature left out, say).
type teachBody struct {
	FAQID int64  `json:"faq_id"`
	Text  string `json:"text,omitempty"`
}

var unansweredParams = concat(pageParams, []param{{"channel", "string", "with account: only this account's (wechat or email)"},
	{"account", "string", "with channel: the WeChat appid or mailbox id"}})

// unansweredRoutes are the bot's unanswered questions (未识别问题): the
// page and the API, admins only.
func (s *Server) unansweredRoutes() []route {
	page := concat(recLangParam, unansweredParams, []param{{"done", "string", "say what was done: taught, new_entry or dismissed"}})
	return []route{
		rawRoute(get, "/bot/unanswered", "The questions the bot was unsure of, to teach it (page; admin)", html,
			s.getUnansweredPage).page().admin().query(page),
		rawRoute(post, "/bot/unanswered/{id}/teach", "Add the question as a phrasing of an FAQ entry (form; admin)", html,
			s.postUnansweredTeach).page().admin().query(page),
		rawRoute(post, "/bot/unanswered/{id}/dismiss", "Dismiss the question (form; admin)", html,
			s.postUnansweredDismiss).page().admin().query(page),
		apiRoute(get, "/api/v1/bot/unanswered",
			"The bot's unsure hand-offs no one has acted on, newest first, identical questions as one with their count (admin)",
			s.listUnanswered).query(unansweredParams).admin(),
		apiRoute(post, "/api/v1/bot/unanswered/{id}/teach",
			"Add the question (or text) to FAQ entry faq_id's phrasings; it and the identical waiting ones leave the list (admin)",
			s.teachUnanswered).in(teachBody{}).admin().fails(http.StatusConflict),
		apiRoute(post, "/api/v1/bot/unanswered/{id}/dismiss",
			"Dismiss the question and the identical waiting ones (admin)", s.dismissUnanswered).admin().fails(http.StatusConflict),
	}
}

// unanswered returns the store of unanswered questions: Deps.Bot's or
// the main store's when it keeps them (the SQL store does).
func (s *Server) unanswered() (crm.UnansweredStore, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	if u, ok := b.(crm.UnansweredStore); ok {
		return u, nil
	}
	return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "this server keeps no unanswered questions")
}

func unansweredFilter(r *http.Request) (crm.UnansweredFilter, error) {
	q := newQuery(r)
	f := crm.UnansweredFilter{Channel: q.str("channel"), Account: q.str("account"), Page: q.page()}
	if (f.Channel == "") != (f.Account == "") {
		q.p.Add("account", "channel and account go together")
	}
	return f, q.err()
}

func (s *Server) listUnanswered(r *http.Request) (crm.List[*crm.UnansweredQuestion], error) {
	us, err := s.unanswered()
	if err != nil {
		return crm.List[*crm.UnansweredQuestion]{}, err
	}
	f, err := unansweredFilter(r)
	if err != nil {
		return crm.List[*crm.UnansweredQuestion]{}, err
	}
	return us.Unanswered(r.Context(), f)
}

// unansweredAndID returns the store and the question in the path.
func (s *Server) unansweredAndID(r *http.Request) (crm.UnansweredStore, int64, error) {
	us, err := s.unanswered()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r)
	return us, id, err
}

func (s *Server) teachUnanswered(r *http.Request) (*crm.Teaching, error) {
	us, id, err := s.unansweredAndID(r)
	if err != nil {
		return nil, err
	}
	var body teachBody
	if err := decodeNew(r, &body); err != nil {
		return nil, err
	}
	if body.FAQID <= 0 {
		return nil, invalid("faq_id", "is required")
	}
	return us.TeachUnanswered(r.Context(), viewerOf(r).UserID, id, body.FAQID, body.Text)
}

func (s *Server) dismissUnanswered(r *http.Request) (*crm.Teaching, error) {
	us, id, err := s.unansweredAndID(r)
	if err != nil {
		return nil, err
	}
	return us.DismissUnanswered(r.Context(), viewerOf(r).UserID, id)
}
