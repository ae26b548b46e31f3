package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// carePageRoutes are the care plans' page (admins and managers) and the
// reminders page (everyone).
func (s *Server) carePageRoutes() []route {
	return []route{
		rawRoute(get, "/care", "Care plans: list, build, preview (admin, manager)", html, s.getCarePage).page().
			query([]param{{"saved", "boolean", "say that the plan was saved"}, {"edit", "integer", "edit this plan in the form"}}, recLangParam),
		rawRoute(post, "/care", "Preview or save a care plan from the page's form (admin, manager)", html,
			s.postCarePage).page(),
		rawRoute(post, "/care/{id}/switch", "Switch a care plan on or off (admin, manager)", html,
			s.postCareSwitch).page(),
		rawRoute(post, "/contacts/{id}/care-opt-out", "Mark a contact \"no care messages\", or lift it (form)", html,
			s.postCareOptOutPage).page(),
		rawRoute(get, "/reminders", "Your reminders due today and overdue", html, s.getRemindersPage).page().
			query(recLangParam),
	}
}

// carePage is the care page's data: the plans, the form as typed, and a
// preview or the problems of the last try.
type carePage struct {
	pageData
	Plans     []*crm.CarePlan
	Form      url.Values
	Triggers  []string
	Problems  []string
	Preview   []crm.CarePreviewItem
	Previewed bool
	Saved     bool
	Variables string
	Editing   *crm.CarePlan // the plan the form edits; nil: a new one
	Teams     []*crm.Team   // the audience's team choices
}

func (s *Server) carePageData(w http.ResponseWriter, r *http.Request) (*carePage, error) {
	_, st, err := s.carePlanner(viewerOf(r), true)
	if err != nil {
		return nil, err
	}
	d := &carePage{pageData: s.pageData(w, r, "care.title"), Form: url.Values{}, Triggers: careTriggers,
		Variables: "{{contact.name}} {{customer.name}} {{order.number}} {{contract.end_date}} {{event.date}} …"}
	if d.Plans, err = st.ListCarePlans(r.Context(), false); err != nil {
		return nil, err
	}
	d.Teams, err = s.store.ListTeams(r.Context())
	return d, err
}

var careTriggers = []string{crm.CareBirthday, crm.CareYearlyDate, crm.CareSpringFestival, crm.CareMidAutumn,
	crm.CareFirstOrderDay, crm.CareAfterDelivery, crm.CareAfterSigned, crm.CareAfterPayment, crm.CareBeforeEnd,
	crm.CareBeforeDue, crm.CareNoOrder}

func (s *Server) getCarePage(w http.ResponseWriter, r *http.Request) {
	d, err := s.carePageData(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "1"
	d.Form.Set("send_at", "10:00")
	if err := s.editPlan(r, d); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care", d)
}

func (s *Server) postCarePage(w http.ResponseWriter, r *http.Request) {
	d, err := s.carePageData(w, r)
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Form = r.PostForm
	p := planFromForm(r.PostForm)
	if r.PostForm.Get("op") == "save" {
		err = s.savePlanForm(r, d, p)
		if err == nil {
			http.Redirect(w, r, "/care?saved=1", http.StatusSeeOther)
			return
		}
	} else {
		d.Preview, err = s.deps.Care.Preview(r.Context(), p, 30)
		if err == nil {
			d.Preview, err = s.visibleCare(r.Context(), viewerOf(r), d.Preview)
		}
		d.Previewed = err == nil
	}
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.EINVALID {
		if err != nil {
			s.writeError(w, r, err)
			return
		}
	} else {
		d.Problems = problemList(ce)
	}
	s.render(w, r, http.StatusOK, "care", d)
}

func problemList(e *crm.Error) []string {
	out := []string{}
	for f, m := range e.Fields {
		out = append(out, f+": "+m)
	}
	sort.Strings(out)
	if len(out) == 0 {
		out = append(out, e.Message)
	}
	return out
}

// planFromForm reads the page's form; the care package validates it.
func planFromForm(f url.Values) *crm.CarePlan {
	num := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(f.Get(k))); return n }
	p := &crm.CarePlan{Name: f.Get("name"), Action: f.Get("action"), Locale: f.Get("locale"), SendAt: f.Get("send_at"),
		GraceDays: num("grace_days"), Trigger: crm.CareTrigger{Kind: f.Get("trigger"), Days: num("days"),
			Month: num("month"), Day: num("day")},
		Audience: crm.CareAudience{Kinds: list(f.Get("kinds")), Levels: list(f.Get("levels")),
			Regions: list(f.Get("regions")), Tags: list(f.Get("tags"))},
		Texts: map[string]crm.CareText{}}
	for _, l := range []struct{ loc, key string }{{"zh-CN", "zh"}, {"en", "en"}} {
		if t := f.Get("text_" + l.key); strings.TrimSpace(t) != "" || f.Get("subject_"+l.key) != "" {
			p.Texts[l.loc] = crm.CareText{Subject: f.Get("subject_" + l.key), Text: t}
		}
	}
	return p
}

func list(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (s *Server) postCareSwitch(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r)
	cp, st, err := s.carePlanner(v, true)
	var p *crm.CarePlan
	if err == nil {
		var id int64
		if id, err = pathID(r); err == nil {
			p, err = st.CarePlan(r.Context(), id)
		}
	}
	if err == nil {
		p.Enabled = r.FormValue("on") == "1"
		err = cp.SavePlan(r.Context(), v, p)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/care", http.StatusSeeOther)
}

// bell counts the user's reminders due today, for the header.
func (s *Server) bell(r *http.Request, u *crm.User) *int {
	if s.deps.Reminders == nil || u == nil {
		return nil
	}
	rs, err := s.reminders(r, u.ID)
	if err != nil {
		s.log.Error("reminders for the bell", "err", err)
		return nil
	}
	n := len(rs)
	return &n
}

// reminders are a user's reminders due by the end of today, in their time
// zone (else the company's).
func (s *Server) reminders(r *http.Request, userID int64) ([]crm.Reminder, error) {
	zone := s.userZone(r, userID)
	y, m, d := s.now().In(zone).Date()
	return s.deps.Reminders.Reminders(r.Context(), crm.ReminderQuery{OwnerID: userID,
		Before: time.Date(y, m, d+1, 0, 0, 0, 0, zone), Zone: zone, Limit: 500})
}

// remindersPage lists the reminders: the overdue group, then today's.
type remindersPage struct {
	pageData
	Groups []reminderGroup
	Me     *crm.UserSettings // the user's own settings form; nil: not on this server
	// Notices is the user's WeChat binding and recent notices (with Me).
	Notices *meNotices
}

type reminderGroup struct {
	ID, Title string
	Items     []reminderView
}

type reminderView struct {
	Kind, Title, Due, Link string
}

func (s *Server) getRemindersPage(w http.ResponseWriter, r *http.Request) {
	s.renderReminders(w, r, nil)
}

// renderReminders renders the reminders page, with a fresh WeChat binding
// code when the user just asked for one.
func (s *Server) renderReminders(w http.ResponseWriter, r *http.Request, code *bindCode) {
	d := &remindersPage{pageData: s.pageData(w, r, "reminders.title")}
	if s.deps.Reminders == nil {
		s.writeError(w, r, crm.Errorf(crm.ENOTIMPLEMENTED, "Reminders are not set up on this server."))
		return
	}
	rs, err := s.reminders(r, d.User.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.deps.UserSettings != nil {
		if d.Me, err = s.deps.UserSettings.UserSettings(r.Context(), d.User.ID); err != nil {
			s.writeError(w, r, err)
			return
		}
		if d.Notices, err = s.meNotices(r, code); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	now := s.now()
	overdue, today := reminderGroup{"overdue", "reminders.overdue", nil}, reminderGroup{"today", "reminders.today", nil}
	for _, it := range rs {
		v := reminderView{Kind: "remind." + it.Kind, Title: it.Title, Due: localTime(&it.DueAt), Link: it.Path()}
		if it.DueAt.Before(now) {
			overdue.Items = append(overdue.Items, v)
		} else {
			today.Items = append(today.Items, v)
		}
	}
	for _, g := range []reminderGroup{overdue, today} {
		if len(g.Items) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	s.render(w, r, http.StatusOK, "reminders", d)
}
