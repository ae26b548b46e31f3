package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// formEditor is the web form editor's own part: the field rows, and for a
// saved form its public link and snippet.
type formEditor struct {
	Rows            []formRow
	Hosted, Snippet string
	// NoRule warns that the chosen team has no round robin: the form's
	// leads would wait unassigned.
	NoRule    string
	NoRuleURL string
}

// formRow is one input of the form, as the editor's table row shows it.
type formRow struct {
	Prefix, Name, Label string // Prefix: "fields.3."
	Required            bool
	MapTo               []selectOption
	NameError, MapError string
}

// shows tells the editor which problems the rows show themselves.
func (e *formEditor) shows(name string) bool { return strings.HasPrefix(name, "fields.") }

// blankRows are the empty rows offered to add inputs without script.
const blankRows = 3

// formEditorParts fills the rows, the team and mailbox choices, and a saved
// form's link and snippet.
func (s *Server) formEditorParts(r *http.Request, d *settingsPage, vals url.Values, problems map[string]string) error {
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		return err
	}
	e := &formEditor{}
	rows := formRows(vals)
	for i := range len(rows) + blankRows {
		fd := crm.FormField{}
		if i < len(rows) {
			fd = rows[i]
		}
		p := "fields." + strconv.Itoa(i) + "."
		e.Rows = append(e.Rows, formRow{Prefix: p, Name: fd.Name, Label: fd.Label, Required: fd.Required,
			MapTo: mapOptions(c, fd.MapTo), NameError: c.problem(problems, p+"name"), MapError: c.problem(problems, p+"map_to")})
	}
	if err := s.formChoices(r, c, d); err != nil {
		return err
	}
	if e.NoRule, err = s.teamRuleWarning(r, c, vals.Get("team_id")); err != nil {
		return err
	}
	e.NoRuleURL = "/admin/teams#team-" + vals.Get("team_id")
	if d.DeleteURL != "" {
		f, err := s.getForm(r)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(s.cfg.BaseURL, "/")
		e.Hosted, e.Snippet = base+"/f/"+f.Key, formSnippet(base, f, d.Lang)
	}
	d.Extra = e
	return nil
}

// mapOptions are the lead fields a row may fill, a custom field first.
func mapOptions(c *cells, v string) []selectOption {
	out := []selectOption{{Value: "", Label: c.t("form.custom"), Selected: v == ""}}
	for _, lf := range []string{crm.FieldName, crm.FieldPhone, crm.FieldEmail, crm.FieldCompany, crm.FieldTitle, crm.FieldMessage} {
		out = append(out, selectOption{Value: lf, Label: c.t("forms.field." + lf), Selected: v == lf})
	}
	return out
}

// formChoices turns the team and the confirmation's mailbox into choices
// of the teams and mailboxes there are.
func (s *Server) formChoices(r *http.Request, c *cells, d *settingsPage) error {
	teams, err := s.store.ListTeams(r.Context())
	if err != nil {
		return err
	}
	var boxes []*crm.Mailbox
	if s.deps.Mailboxes != nil {
		if boxes, err = s.deps.Mailboxes.Mailboxes(r.Context()); err != nil {
			return err
		}
	}
	for i := range d.Sections {
		for j := range d.Sections[i].Fields {
			fv := &d.Sections[i].Fields[j]
			switch {
			case fv.Name == "team_id":
				fv.Type, fv.Options = "choice", choices(c.t("form.team_default"), fv.Value, teams,
					func(t *crm.Team) (int64, string) { return t.ID, t.Name })
			case fv.Name == "confirmation.mailbox" && len(boxes) > 0:
				fv.Type, fv.Options = "choice", choices(c.t("form.no_confirmation"), fv.Value, boxes,
					func(m *crm.Mailbox) (int64, string) { return m.ID, m.Name + " <" + m.Address + ">" })
			}
		}
	}
	return nil
}

// choices are a select's options: none first, then each of list by id.
func choices[T any](none, v string, list []T, label func(T) (int64, string)) []selectOption {
	out := []selectOption{{Value: "", Label: none, Selected: v == ""}}
	for _, x := range list {
		id, name := label(x)
		ids := strconv.FormatInt(id, 10)
		out = append(out, selectOption{Value: ids, Label: name, Selected: ids == v})
	}
	return out
}

// teamRuleWarning is the editor's warning when the chosen team has no
// assignment rule, or "" (no team chosen: the server's default decides).
func (s *Server) teamRuleWarning(r *http.Request, c *cells, team string) (string, error) {
	id, err := strconv.ParseInt(team, 10, 64)
	if err != nil {
		return "", nil
	}
	rules, err := s.store.ListAssignmentRules(r.Context())
	if err != nil {
		return "", err
	}
	for _, ru := range rules {
		if ru.TeamID == id {
			return "", nil
		}
	}
	return c.t("form.team_no_rule"), nil
}
