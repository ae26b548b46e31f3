package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// satisfactionPageRoutes are the settings page (admins), the public pages
// of a survey email's links, and the user's own settings form.
func (s *Server) satisfactionPageRoutes() []route {
	return []route{
		rawRoute(get, "/satisfaction", "Satisfaction surveys: settings and scores by rep (admin)", html,
			s.getSatisfactionPage).page().admin().query([]param{{"saved", "boolean", "say that the settings were saved"}}, recLangParam),
		rawRoute(post, "/satisfaction", "Save one account's satisfaction settings from the page's form (admin)", html,
			s.postSatisfactionPage).page().admin(),
		rawRoute(get, "/satisfaction/{token}", "A survey email's page: the five scores to click", html,
			s.getSurveyPage).open(),
		rawRoute(get, "/satisfaction/{token}/{score}", "A survey email's score link: one click records the score", html,
			s.getSurveyScore).open(),
		rawRoute(post, "/me/settings", "Save your time zone and reminder-email choice (form)", html,
			s.postMySettingsPage).page(),
	}
}

// satisfactionPage is the settings page's data.
type satisfactionPage struct {
	pageData
	Settings []*crm.SatisfactionSettings
	Totals   []satisfactionTotal
	Problems []string
	Saved    bool
}

// satisfactionTotal is a rep's row: their name and the last 30 days' totals.
type satisfactionTotal struct {
	Name    string
	Row     crm.SatisfactionRow
	Average string
}

func (s *Server) satisfactionPageData(w http.ResponseWriter, r *http.Request) (*satisfactionPage, error) {
	st, err := s.satisfaction()
	if err != nil {
		return nil, err
	}
	d := &satisfactionPage{pageData: s.pageData(w, r, "satisfaction.title")}
	if d.Settings, err = st.ListSatisfactionSettings(r.Context()); err != nil {
		return nil, err
	}
	rows, err := st.SatisfactionTotals(r.Context(), crm.SatisfactionQuery{Viewer: viewerOf(r),
		By: crm.SatisfactionByRep, From: s.now().AddDate(0, 0, -30)})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if users, err := s.store.ListUsers(r.Context()); err == nil {
		for _, u := range users {
			names[strconv.FormatInt(u.ID, 10)] = u.Name
		}
	}
	for _, row := range rows {
		d.Totals = append(d.Totals, satisfactionTotal{Name: names[row.Key], Row: row,
			Average: strconv.FormatFloat(row.Average, 'f', 2, 64)})
	}
	return d, nil
}

func (s *Server) getSatisfactionPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.satisfactionPageData(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "satisfaction", d)
}

func (s *Server) postSatisfactionPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.satisfactionPageData(w, r)
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f := r.PostForm
	num := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(f.Get(k))); return n }
	set := &crm.SatisfactionSettings{Channel: f.Get("channel"), Account: strings.TrimSpace(f.Get("account")),
		Enabled: f.Get("enabled") == "1", LowScore: num("low_score"), ReplyHours: num("reply_hours"),
		LinkDays: num("link_days"), Locale: f.Get("locale"), Question: strings.TrimSpace(f.Get("question"))}
	err = s.deps.Satisfaction.SaveSatisfactionSettings(r.Context(), set)
	var ce *crm.Error
	switch {
	case err == nil:
		http.Redirect(w, r, "/satisfaction?saved=1", http.StatusSeeOther)
	case errors.As(err, &ce) && ce.Code == crm.EINVALID:
		d.Problems = problemList(ce)
		s.render(w, r, http.StatusOK, "satisfaction", d)
	default:
		s.writeError(w, r, err)
	}
}

// postMySettingsPage saves the reminders page's form.
func (s *Server) postMySettingsPage(w http.ResponseWriter, r *http.Request) {
	if s.deps.UserSettings == nil {
		s.writeError(w, r, crm.Errorf(crm.ENOTIMPLEMENTED, "User settings are not set up on this server."))
		return
	}
	b := &crm.UserSettings{UserID: viewerOf(r).UserID, TimeZone: strings.TrimSpace(r.FormValue("time_zone")),
		ReminderEmail: r.FormValue("reminder_email") == "1", NotifyWeChat: r.FormValue("notify_wechat") == "1",
		NotifyPool: r.FormValue("notify_pool") == "1", QuietStart: strings.TrimSpace(r.FormValue("quiet_start")),
		QuietEnd: strings.TrimSpace(r.FormValue("quiet_end"))}
	if err := s.deps.UserSettings.SaveUserSettings(r.Context(), b); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/reminders", http.StatusSeeOther)
}

// surveyPageData is what the public survey page shows.
type surveyPageData struct {
	Token   string
	Score   int
	Done    bool
	Closed  bool
	Unknown bool
}

func (s *Server) getSurveyPage(w http.ResponseWriter, r *http.Request) {
	d := &surveyPageData{Token: chi.URLParam(r, "token")}
	if s.deps.Surveys == nil {
		d.Unknown = true
	} else if sv, err := s.deps.Surveys.SurveyOfLink(r.Context(), d.Token); err != nil {
		d.Unknown, d.Closed = crm.ErrorCode(err) == crm.ENOTFOUND, crm.ErrorCode(err) == crm.EINVALID
	} else if sv.Score != nil {
		d.Score = *sv.Score
	}
	s.writeSurveyPage(w, d)
}

// getSurveyScore records the score of the link clicked: one click, no
// login. Clicking it again changes nothing; another score replaces it
// while the link lasts.
func (s *Server) getSurveyScore(w http.ResponseWriter, r *http.Request) {
	d := &surveyPageData{Token: chi.URLParam(r, "token")}
	score, err := strconv.Atoi(chi.URLParam(r, "score"))
	if err != nil || score < 1 || score > 5 || s.deps.Surveys == nil {
		d.Unknown = true
		s.writeSurveyPage(w, d)
		return
	}
	sv, err := s.deps.Surveys.AnswerByLink(r.Context(), d.Token, score)
	switch crm.ErrorCode(err) {
	case "":
		d.Done, d.Score = true, *sv.Score
	case crm.ENOTFOUND:
		d.Unknown = true
	case crm.EINVALID:
		d.Closed = true
	default:
		s.writeError(w, r, err)
		return
	}
	s.writeSurveyPage(w, d)
}

func (s *Server) writeSurveyPage(w http.ResponseWriter, d *surveyPageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case d.Unknown:
		w.WriteHeader(http.StatusNotFound)
	case d.Closed:
		w.WriteHeader(http.StatusGone)
	}
	surveyPage.Execute(w, d) //nolint:errcheck // the client went away
}
