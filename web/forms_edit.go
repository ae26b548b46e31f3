package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// formKind is the web forms' editor: a form's settings as inputs, its field
// rows as a table of its own (formEditor).
func (s *Server) formKind() *settingsKind {
	k := &settingsKind{
		path: "forms", one: "form",
		sections: []section{
			{"", "", []field{{Name: "name", Need: true}}},
			{"form.where", "", []field{{Name: "allowed_origins", Type: "lines"}, {Name: "redirect_url", Type: "url"}}},
			{"form.leads", "", []field{{Name: "team_id", Type: "id"}, {Name: "tags", Type: "lines"}}},
			{"form.confirmation", "form.confirm_help", []field{{Name: "confirmation.mailbox"}, {Name: "confirmation.subject"},
				{Name: "confirmation.text", Type: "textarea"}}},
		},
		create: savedBy(s.createForm, formID),
		update: savedBy(s.updateForm, formID),
		remove: func(r *http.Request) error { _, err := s.deleteForm(r); return err },
		fresh: func() (url.Values, error) {
			vals := url.Values{}
			setFormRows(vals, mappedInputs(&crm.Form{}))
			return vals, nil
		},
		load:  s.formValues,
		extra: s.formEditorParts,
	}
	k.body = func(form url.Values, creating bool) ([]byte, error) { return formDefBody(k.fields(), form, creating) }
	return k
}

func formID(f *crm.Form) int64 { return f.ID }

// formDefBody is the API's JSON for a submitted form editor: the settings,
// the field rows (blank ones dropped, so form is rewritten to match the
// indices of the API's problems) and the confirmation, null when blank.
func formDefBody(fields []field, form url.Values, creating bool) ([]byte, error) {
	rows := formRows(form)
	setFormRows(form, rows)
	body, err := formMap(fields, form, creating)
	if err != nil {
		return nil, err
	}
	body["fields"] = rows
	var c *crm.FormConfirmation
	mb, subj, text := body["confirmation.mailbox"], body["confirmation.subject"], body["confirmation.text"]
	if strings.TrimSpace(fmtAny(mb)+fmtAny(subj)+fmtAny(text)) != "" {
		c = &crm.FormConfirmation{Mailbox: fmtAny(mb), Subject: fmtAny(subj), Text: fmtAny(text)}
	}
	delete(body, "confirmation.mailbox")
	delete(body, "confirmation.subject")
	delete(body, "confirmation.text")
	body["confirmation"] = c
	return json.Marshal(body)
}

func fmtAny(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// formRows reads the field rows "fields.N.*"; a row with neither a name nor
// a label is left out, and a mapped row without a name is named after its
// lead field.
func formRows(form url.Values) []crm.FormField {
	rows := []crm.FormField{}
	for i := 0; ; i++ {
		p := "fields." + strconv.Itoa(i) + "."
		if _, ok := form[p+"name"]; !ok {
			return rows
		}
		fd := crm.FormField{Name: strings.TrimSpace(form.Get(p + "name")), Label: strings.TrimSpace(form.Get(p + "label")),
			MapTo: form.Get(p + "map_to"), Required: form.Get(p+"required") == "true"}
		if fd.Name == "" {
			fd.Name = fd.MapTo
		}
		if fd.Name != "" || fd.Label != "" {
			rows = append(rows, fd)
		}
	}
}

// setFormRows replaces form's field rows with rows.
func setFormRows(form url.Values, rows []crm.FormField) {
	for k := range form {
		if strings.HasPrefix(k, "fields.") {
			delete(form, k)
		}
	}
	for i, fd := range rows {
		p := "fields." + strconv.Itoa(i) + "."
		form.Set(p+"name", fd.Name)
		form.Set(p+"label", fd.Label)
		form.Set(p+"map_to", fd.MapTo)
		if fd.Required {
			form.Set(p+"required", "true")
		}
	}
}

// mappedInputs are f's inputs with each one's lead field written out, so
// that a form still on the default inputs shows what they fill.
func mappedInputs(f *crm.Form) []crm.FormField {
	out := append([]crm.FormField(nil), f.Inputs()...)
	for i := range out {
		out[i].MapTo = f.LeadField(out[i].Name)
	}
	return out
}

// formValues are the stored form's values for the editor, and its name.
func (s *Server) formValues(r *http.Request) (url.Values, string, error) {
	f, err := s.getForm(r)
	if err != nil {
		return nil, "", err
	}
	vals, err := recordValues(f, nil)
	if err != nil {
		return nil, "", err
	}
	setFormRows(vals, mappedInputs(f))
	if c := f.Confirmation; c != nil {
		vals.Set("confirmation.mailbox", c.Mailbox)
		vals.Set("confirmation.subject", c.Subject)
		vals.Set("confirmation.text", c.Text)
	}
	return vals, f.Name, nil
}
