package web

import (
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// formsPage is what pages/forms.html sees: the layout's data and the forms.
type formsPage struct {
	pageData
	Notice string
	Forms  []formView
}

type formView struct {
	*crm.Form
	Hosted, Snippet, Origins string
}

func (s *Server) getFormsPage(w http.ResponseWriter, r *http.Request) {
	d := formsPage{pageData: s.pageData(w, r, "forms.title")}
	if r.URL.Query().Get("deleted") != "" {
		d.Notice = "forms.deleted"
	}
	fs, err := s.forms()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := fs.ListForms(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	for _, f := range list {
		d.Forms = append(d.Forms, formView{Form: f, Hosted: base + "/f/" + f.Key,
			Snippet: formSnippet(base, f, d.Lang), Origins: strings.Join(f.AllowedOrigins, ", ")})
	}
	s.render(w, r, http.StatusOK, "forms", d)
}
