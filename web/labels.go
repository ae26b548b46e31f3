package web

import (
	"encoding/json"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// labelStore is the store's label management; 501 without it.
func (s *Server) labelStore() (crm.LabelStore, error) {
	ls, ok := s.store.(crm.LabelStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store manages no labels.")
	}
	return ls, nil
}

// mayManageLabels: labels are the company's vocabulary, kept by admins and
// managers; everyone uses them.
func mayManageLabels(v crm.Viewer) error {
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return errForbidden("Only an administrator or a manager may change labels.")
	}
	return nil
}

func (s *Server) managedLabels(r *http.Request) ([]*crm.Label, error) {
	ls, err := s.labelStore()
	if err != nil {
		return nil, err
	}
	out, err := ls.ListLabels(r.Context(), viewerOf(r))
	if out == nil {
		out = []*crm.Label{}
	}
	return out, err
}

func (s *Server) createLabel(r *http.Request) (*crm.Label, error) {
	l := &crm.Label{}
	ls, err := s.labelWrite(r, l)
	if err != nil {
		return nil, err
	}
	return l, ls.CreateLabel(r.Context(), l)
}

// updateLabel renames or recolours a label: fields not sent stay.
func (s *Server) updateLabel(r *http.Request) (*crm.Label, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	l, err := s.findLabel(r, id)
	if err != nil {
		return nil, err
	}
	ls, err := s.labelWrite(r, l)
	if err != nil {
		return nil, err
	}
	l.ID = id
	return l, ls.UpdateLabel(r.Context(), l)
}

func (s *Server) deleteLabel(r *http.Request) (*crm.Label, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	l, err := s.findLabel(r, id)
	if err == nil {
		err = mayManageLabels(viewerOf(r))
	}
	if err != nil {
		return nil, err
	}
	ls, _ := s.labelStore()
	return l, ls.DeleteLabel(r.Context(), id)
}

// labelWrite checks the caller may change labels and decodes the body onto l.
func (s *Server) labelWrite(r *http.Request, l *crm.Label) (crm.LabelStore, error) {
	if err := mayManageLabels(viewerOf(r)); err != nil {
		return nil, err
	}
	ls, err := s.labelStore()
	if err != nil {
		return nil, err
	}
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	return ls, b.into(l)
}

func (s *Server) findLabel(r *http.Request, id int64) (*crm.Label, error) {
	all, err := s.managedLabels(r)
	if err != nil {
		return nil, err
	}
	for _, l := range all {
		if l.ID == id {
			return l, nil
		}
	}
	return nil, crm.Errorf(crm.ENOTFOUND, "Label not found.")
}

// labelRoutes are the labels' API and their management page.
func (s *Server) labelRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/labels/managed", "List every label with its id, colour and how many customers, "+
			"conversations, leads and contacts carry it (GET /api/v1/labels lists the names in use on conversations you can see)", s.managedLabels),
		apiRoute(post, "/api/v1/labels", "Create a label (manager or admin)", s.createLabel).in(crm.Label{}).created(),
		apiRoute(patch, "/api/v1/labels/{id}", "Rename or recolour a label on every record at once (manager or admin)",
			s.updateLabel).in(crm.Label{}),
		apiRoute(http.MethodDelete, "/api/v1/labels/{id}", "Delete a label: it comes off every record (manager or admin)",
			s.deleteLabel),
		rawRoute(get, "/labels", "The labels: name, colour, use; rename, recolour, delete (page; manager or admin)",
			html, s.getLabelsPage).page().query(recLangParam),
		rawRoute(post, "/labels", "Create a label (form)", html, s.labelForm(s.createLabel)).page().query(recLangParam),
		rawRoute(post, "/labels/{id}", "Rename or recolour a label (form)", html, s.labelForm(s.updateLabel)).page().query(recLangParam),
		rawRoute(post, "/labels/{id}/delete", "Delete a label (form)", html, s.labelForm(s.deleteLabel)).page().query(recLangParam),
	}
}

// labelsPage is the labels' management page.
type labelsPage struct {
	*recordPage
	Labels []*crm.Label
	Colors []string
	Flash  string // a refusal, in the page's language
}

func (s *Server) getLabelsPage(w http.ResponseWriter, r *http.Request) {
	s.renderLabels(w, r, http.StatusOK, "")
}

func (s *Server) renderLabels(w http.ResponseWriter, r *http.Request, status int, flash string) {
	if err := mayManageLabels(viewerOf(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	all, err := s.managedLabels(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &labelsPage{recordPage: s.recordPageData(w, r, "labels", ""), Labels: all, Colors: crm.LabelColors, Flash: flash}
	d.Heading = d.T("rec.labels")
	s.render(w, r, status, "labels", d)
}

// labelForm runs an API handler on the posted form (name, color) and shows
// the page again: a refusal is shown on it, in the page's language.
func (s *Server) labelForm(h func(*http.Request) (*crm.Label, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		body := map[string]string{}
		for _, k := range []string{"name", "color"} {
			if v := r.PostForm.Get(k); v != "" {
				body[k] = v
			}
		}
		b, _ := json.Marshal(body)
		_, err := h(withJSON(r, b))
		switch code := crm.ErrorCode(err); code {
		case "":
			http.Redirect(w, r, "/labels", http.StatusSeeOther)
		case crm.EINVALID, crm.ECONFLICT:
			s.renderLabels(w, r, http.StatusBadRequest, "label.refused."+code)
		default:
			s.writeError(w, r, err)
		}
	}
}

// labelNames are the managed labels' names, for a picker; none when the
// store has none (the picker then takes a new name alone).
func (s *Server) labelNames(r *http.Request) []string {
	all, err := s.managedLabels(r)
	if err != nil {
		return []string{}
	}
	out := make([]string, len(all))
	for i, l := range all {
		out[i] = l.Name
	}
	return out
}
