package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// carePlanForm is a stored plan as the page's form holds it, so that the
// same form builds a plan and edits one.
func carePlanForm(p *crm.CarePlan) url.Values {
	f := url.Values{}
	f.Set("id", strconv.FormatInt(p.ID, 10))
	f.Set("name", p.Name)
	f.Set("trigger", p.Trigger.Kind)
	f.Set("action", p.Action)
	f.Set("locale", p.Locale)
	f.Set("send_at", p.SendAt)
	for k, n := range map[string]int{"days": p.Trigger.Days, "month": p.Trigger.Month, "day": p.Trigger.Day,
		"grace_days": p.GraceDays} {
		if n != 0 {
			f.Set(k, strconv.Itoa(n))
		}
	}
	for _, l := range []struct{ loc, key string }{{"zh-CN", "zh"}, {"en", "en"}} {
		f.Set("subject_"+l.key, p.Texts[l.loc].Subject)
		f.Set("text_"+l.key, p.Texts[l.loc].Text)
	}
	f.Set("kinds", strings.Join(p.Audience.Kinds, ", "))
	f.Set("levels", strings.Join(p.Audience.Levels, ", "))
	f.Set("regions", strings.Join(p.Audience.Regions, ", "))
	f.Set("tags", strings.Join(p.Audience.Tags, ", "))
	if p.Audience.TeamID != nil {
		f.Set("team_id", strconv.FormatInt(*p.Audience.TeamID, 10))
	}
	return f
}

// editPlan fills the page's form with the plan in ?edit=, when there is one.
func (s *Server) editPlan(r *http.Request, d *carePage) error {
	raw := r.URL.Query().Get("edit")
	if raw == "" {
		return nil
	}
	id, err := parseID(raw)
	if err != nil {
		return err
	}
	_, st, err := s.carePlanner(viewerOf(r), true)
	if err != nil {
		return err
	}
	p, err := st.CarePlan(r.Context(), id)
	if err != nil {
		return err
	}
	d.Form, d.Editing = carePlanForm(p), p
	return nil
}

// savePlanForm saves the form's plan: a new one switched off, or the one
// in the form's id with its on/off state, maker and creation kept.
func (s *Server) savePlanForm(r *http.Request, d *carePage, p *crm.CarePlan) error {
	if raw := r.PostForm.Get("id"); raw != "" {
		id, err := parseID(raw)
		if err != nil {
			return err
		}
		_, st, err := s.carePlanner(viewerOf(r), true)
		if err != nil {
			return err
		}
		old, err := st.CarePlan(r.Context(), id)
		if err != nil {
			return err
		}
		p.ID, p.Enabled, p.CreatedBy, p.CreatedAt = old.ID, old.Enabled, old.CreatedBy, old.CreatedAt
		d.Editing = old
	}
	if t := strings.TrimSpace(r.PostForm.Get("team_id")); t != "" {
		id, err := parseID(t)
		if err != nil {
			return &crm.Error{Code: crm.EINVALID, Message: "No such team.", Fields: map[string]string{"audience.team_id": "is not a team"}}
		}
		p.Audience.TeamID = &id
	}
	return s.deps.Care.SavePlan(r.Context(), viewerOf(r), p)
}
