package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// settingsKind describes the admin pages of one kind of setting (web forms,
// mailboxes): an editor whose submitted form becomes the JSON body of the
// API's own create and update, so that the rules live in one place, as on
// the record pages.
type settingsKind struct {
	path     string    // "forms": /forms/new, /forms/{id}, /forms/{id}/delete
	one      string    // message key prefix: "form" → "form.new"
	sections []section // the editor's inputs, grouped
	// body turns a submitted form into the API's JSON body; it may rewrite
	// form so that a refused form shows as the API saw it.
	body   func(form url.Values, creating bool) ([]byte, error)
	create func(*http.Request) (int64, error)
	update func(*http.Request) (int64, error)
	remove func(*http.Request) error
	fresh  func() (url.Values, error)                      // a new one's values: the API's defaults
	load   func(*http.Request) (url.Values, string, error) // the one in the path: its values and title
	// prefill, when set, fills a new one's form from the request (an FAQ
	// entry written from an unanswered question).
	prefill func(r *http.Request, vals url.Values) error
	// newParams are the query parameters of the new one's form and its
	// POST, for openapi.json (prefill's).
	newParams []param
	// extra adds the kind's own parts to the editor; nil: none.
	extra func(r *http.Request, d *settingsPage, vals url.Values, problems map[string]string) error
}

type section struct {
	legend, help string // message keys; "" for none
	fields       []field
}

// settingsPage is what the editors' templates see.
type settingsPage struct {
	pageData
	One, Heading, Action, DeleteURL string
	Notice                          string // a message key: "settings.saved"
	Sections                        []sectionView
	Others                          []string // problems with no input of their own
	Extra                           any
}

type sectionView struct {
	Legend, Help string
	Fields       []fieldView
}

// fields are all the kind's inputs, in order.
func (k *settingsKind) fields() []field {
	var out []field
	for _, sc := range k.sections {
		out = append(out, sc.fields...)
	}
	return out
}

// jsonBody is the default body: the inputs, as the record pages send them.
func (k *settingsKind) jsonBody(form url.Values, creating bool) ([]byte, error) {
	if k.body != nil {
		return k.body(form, creating)
	}
	return formJSON(k.fields(), form, creating)
}

// editor shows the form for a new one (creating) or the one in the path.
func (s *Server) editor(k *settingsKind, creating bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d := s.settingsData(w, r, k, creating)
		vals, err := k.fresh()
		if !creating {
			vals, d.Heading, err = k.load(r)
		} else if err == nil && k.prefill != nil {
			err = k.prefill(r, vals)
		}
		if err == nil {
			err = s.fillSettings(r, k, d, vals, nil, creating)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, k.one+"_edit", d)
	}
}

func (s *Server) settingsData(w http.ResponseWriter, r *http.Request, k *settingsKind, creating bool) *settingsPage {
	d := &settingsPage{pageData: s.pageData(w, r, k.path+".title"), One: k.one, Action: "/" + k.path}
	d.Heading = d.T(k.one + ".new")
	if !creating {
		d.Action += "/" + chi.URLParam(r, "id")
		d.DeleteURL = d.Action + "/delete"
	}
	if r.URL.Query().Get("saved") != "" {
		d.Notice = "settings.saved"
	}
	return d
}

// fillSettings puts vals and problems into the editor's sections.
func (s *Server) fillSettings(r *http.Request, k *settingsKind, d *settingsPage, vals url.Values, problems map[string]string, creating bool) error {
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		return err
	}
	all := map[string]bool{}
	for _, sc := range k.sections {
		sv := sectionView{Fields: c.fieldViews(sc.fields, vals, problems, creating)}
		if sc.legend != "" {
			sv.Legend = d.T(sc.legend)
		}
		if sc.help != "" {
			sv.Help = d.T(sc.help)
		}
		d.Sections = append(d.Sections, sv)
		for _, f := range sc.fields {
			all[f.Name] = true
		}
	}
	if k.extra != nil {
		if err := k.extra(r, d, vals, problems); err != nil {
			return err
		}
	}
	for name := range problems {
		if !all[name] && !shownByExtra(d.Extra, name) {
			d.Others = append(d.Others, c.problem(problems, name))
		}
	}
	return nil
}

// shownByExtra reports whether a kind's own part shows the problem name.
func shownByExtra(extra any, name string) bool {
	p, ok := extra.(interface{ shows(string) bool })
	return ok && p.shows(name)
}

// saver creates or updates from a submitted form through the API's
// handlers; a refused form comes back with each problem beside its input.
func (s *Server) saver(k *settingsKind, creating bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		id, err := s.saveSettings(r, k, creating)
		if problems, ok := settingsProblems(err); ok {
			d := s.settingsData(w, r, k, creating)
			d.Heading = d.T("rec.fix")
			if err := s.fillSettings(r, k, d, r.PostForm, problems, creating); err != nil {
				s.writeError(w, r, err)
				return
			}
			s.render(w, r, http.StatusBadRequest, k.one+"_edit", d)
			return
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		http.Redirect(w, r, "/"+k.path+"/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	}
}

func (s *Server) saveSettings(r *http.Request, k *settingsKind, creating bool) (int64, error) {
	body, err := k.jsonBody(r.PostForm, creating)
	if err != nil {
		return 0, err
	}
	if creating {
		return k.create(withJSON(r, body))
	}
	return k.update(withJSON(r, body))
}

// settingsProblems are formProblems, and a conflict (a name taken) shown
// above the form.
func settingsProblems(err error) (map[string]string, bool) {
	if crm.ErrorCode(err) == crm.ECONFLICT {
		return map[string]string{"": crm.ErrorMessage(err)}, true
	}
	return formProblems(err)
}

// remover deletes the one in the path once its confirmation was pressed.
func (s *Server) remover(k *settingsKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := k.remove(r); err != nil {
			s.writeError(w, r, err)
			return
		}
		http.Redirect(w, r, "/"+k.path+"?deleted=1", http.StatusSeeOther)
	}
}

// settingsRoutes are a kind's editor pages (admin); its list is its own.
func (s *Server) settingsRoutes(k *settingsKind, what string) []route {
	p := "/" + k.path
	lang := recLangParam
	saved := concat(lang, []param{{"saved", "boolean", "say that the changes were saved"}})
	return []route{
		rawRoute(get, p+"/new", "The form to add "+what+" (admin)", html, s.editor(k, true)).page().admin().query(lang, k.newParams),
		rawRoute(post, p, "Add "+what+" (form; admin)", html, s.saver(k, true)).page().admin().query(lang, k.newParams),
		rawRoute(get, p+"/{id}", "Edit "+what+" (page; admin)", html, s.editor(k, false)).page().admin().query(saved),
		rawRoute(post, p+"/{id}", "Save "+what+" (form; admin)", html, s.saver(k, false)).page().admin().query(lang),
		rawRoute(post, p+"/{id}/delete", "Delete "+what+" (form; admin)", html, s.remover(k)).page().admin().query(lang),
	}
}

// savedBy adapts an API handler to the editor: it answers the id of what
// the handler saved.
func savedBy[T any](h func(*http.Request) (*T, error), id func(*T) int64) func(*http.Request) (int64, error) {
	return func(r *http.Request) (int64, error) {
		rec, err := h(r)
		if err != nil {
			return 0, err
		}
		return id(rec), nil
	}
}
