package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var satisfactionTotalsParams = []param{
	{"by", "string", "rep, team, channel, day or month (default rep)"},
	{"from", "date-time", "answered at or after"}, {"to", "date-time", "answered before"},
	{"rep_id", "integer", "one rep"}, {"team_id", "integer", "one team"}}

// satisfactionRoutes are the satisfaction surveys' settings (admins), the
// scores (everyone, within what they see), the public score links of
// survey emails, and each user's own settings.
func (s *Server) satisfactionRoutes() []route {
	return append(s.satisfactionPageRoutes(),
		apiRoute(get, "/api/v1/satisfaction/settings", "Satisfaction survey settings: the default and each account's (admin)",
			s.listSatisfactionSettings).admin(),
		apiRoute(put, "/api/v1/satisfaction/settings", "Set the satisfaction survey of one account (channel and account) or the default (both empty) (admin)",
			s.putSatisfactionSettings).in(crm.SatisfactionSettings{}).admin(),
		apiRoute(get, "/api/v1/satisfaction/totals", "Satisfaction scores grouped by rep, team, channel or period (reps: their own; managers: their team's)",
			s.satisfactionTotals).query(satisfactionTotalsParams),
		apiRoute(get, "/api/v1/conversations/{id}/surveys", "A conversation's satisfaction surveys and scores", s.conversationSurveys),
		apiRoute(get, "/api/v1/customers/{id}/surveys", "A customer's satisfaction surveys and scores", s.customerSurveys),
		apiRoute(get, "/api/v1/me/settings", "Your own settings: time zone and reminder emails", s.getMySettings),
		apiRoute(put, "/api/v1/me/settings", "Set your time zone (\"\": the company's) and whether reminders also come by email",
			s.putMySettings).in(crm.UserSettings{}),
	)
}

func (s *Server) satisfaction() (crm.SatisfactionStore, error) {
	if s.deps.Satisfaction == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Satisfaction surveys are not set up on this server.")
	}
	return s.deps.Satisfaction, nil
}

func (s *Server) listSatisfactionSettings(r *http.Request) ([]*crm.SatisfactionSettings, error) {
	st, err := s.satisfaction()
	if err != nil {
		return nil, err
	}
	return st.ListSatisfactionSettings(r.Context())
}

func (s *Server) putSatisfactionSettings(r *http.Request) (*crm.SatisfactionSettings, error) {
	st, err := s.satisfaction()
	if err != nil {
		return nil, err
	}
	set := crm.DefaultSatisfaction()
	if err := decodeNew(r, &set); err != nil {
		return nil, err
	}
	return &set, st.SaveSatisfactionSettings(r.Context(), &set)
}

func (s *Server) satisfactionTotals(r *http.Request) ([]crm.SatisfactionRow, error) {
	st, err := s.satisfaction()
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	sq := crm.SatisfactionQuery{Viewer: viewerOf(r), By: q.str("by"), RepID: q.id("rep_id"), TeamID: q.id("team_id")}
	if sq.By == "" {
		sq.By = crm.SatisfactionByRep
	}
	from, to := q.time("from"), q.time("to")
	if err := q.err(); err != nil {
		return nil, err
	}
	sq.From, sq.To = timeOr(from), timeOr(to)
	return st.SatisfactionTotals(r.Context(), sq)
}

func timeOr(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// conversationSurveys lists a visible conversation's surveys (all of
// them: the conversation is v's to see).
func (s *Server) conversationSurveys(r *http.Request) ([]*crm.Survey, error) {
	return s.surveysOf(r, func(v crm.Viewer, id int64) (crm.Viewer, crm.SurveyFilter, error) {
		_, err := s.store.Conversation(r.Context(), v, id)
		return crm.System, crm.SurveyFilter{ConversationID: &id}, err
	})
}

// customerSurveys lists the surveys of a visible customer's conversations
// that v may see.
func (s *Server) customerSurveys(r *http.Request) ([]*crm.Survey, error) {
	return s.surveysOf(r, func(v crm.Viewer, id int64) (crm.Viewer, crm.SurveyFilter, error) {
		_, err := s.store.Customer(r.Context(), v, id)
		return v, crm.SurveyFilter{CustomerID: &id}, err
	})
}

// surveysOf lists the surveys of the record in the path, once check says
// the viewer may see it and which filter (and viewer) the list takes.
func (s *Server) surveysOf(r *http.Request, check func(crm.Viewer, int64) (crm.Viewer, crm.SurveyFilter, error)) ([]*crm.Survey, error) {
	st, err := s.satisfaction()
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v, f, err := check(viewerOf(r), id)
	if err != nil {
		return nil, err
	}
	return st.ListSurveys(r.Context(), v, f)
}

func (s *Server) getMySettings(r *http.Request) (*crm.UserSettings, error) {
	if s.deps.UserSettings == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "User settings are not set up on this server.")
	}
	return s.deps.UserSettings.UserSettings(r.Context(), viewerOf(r).UserID)
}

func (s *Server) putMySettings(r *http.Request) (*crm.UserSettings, error) {
	if s.deps.UserSettings == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "User settings are not set up on this server.")
	}
	// What the body leaves out keeps its value (the switches default on).
	b, err := s.deps.UserSettings.UserSettings(r.Context(), viewerOf(r).UserID)
	if err != nil {
		return nil, err
	}
	if err := decodeNew(r, b); err != nil {
		return nil, err
	}
	b.UserID = viewerOf(r).UserID
	return b, s.deps.UserSettings.SaveUserSettings(r.Context(), b)
}

// userZone is the zone of a user's "today": their own, else the
// company's, else Asia/Shanghai.
func (s *Server) userZone(r *http.Request, userID int64) *time.Location {
	name := s.deps.TimeZone
	if s.deps.UserSettings != nil {
		if us, err := s.deps.UserSettings.UserSettings(r.Context(), userID); err == nil && us.TimeZone != "" {
			name = us.TimeZone
		}
	}
	if name == "" {
		name = crm.DefaultCareTimeZone
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}
