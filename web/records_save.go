package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// recordForm fills a kind's page with rec's fields (rec nil: a new record,
// with what the query prefills, such as the customer of a new contact).
func recordForm[T any](s *Server, w http.ResponseWriter, r *http.Request, k *recordKind[T], rec *T) (*recordPage, *cells, error) {
	d := s.recordPageData(w, r, k.path, "")
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		return nil, nil, err
	}
	d.Action, d.Heading = "/"+k.path, d.T(k.one+".new")
	shown := rec
	if rec == nil {
		shown = k.res().fresh(viewerOf(r)) // the API's defaults: the owner is the user
	}
	vals, err := recordValues(shown, k.fields)
	if err != nil {
		return nil, nil, err
	}
	if rec == nil {
		for name, v := range r.URL.Query() {
			vals[name] = v // what the link prefills
		}
	} else {
		d.Action, d.Heading = d.Action+"/"+strconv.FormatInt(k.res().id(rec), 10), k.title(rec)
	}
	d.Back = safeBack(r.URL.Query().Get("next"))
	d.Fields = c.fieldViews(k.fields, vals, nil, rec == nil)
	d.MoveOpen = rec != nil && k.afterUpdate != nil
	return d, c, nil
}

// formPage shows the form to create a record, or to edit the one in the path.
func formPage[T any](s *Server, k *recordKind[T], creating bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var rec *T
		var err error
		if !creating {
			rec, err = getRecord(r, k.res())
		}
		var d *recordPage
		if err == nil {
			d, _, err = recordForm(s, w, r, k, rec)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "record_form", d)
	}
}

// savePage creates or updates a record from a submitted form through the
// API's own create and update, then shows it; a refused form comes back
// with each problem beside its input.
func savePage[T any](s *Server, k *recordKind[T], creating bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		if creating && warnDuplicates(s, w, r, k) {
			return
		}
		var old *T
		if !creating && k.afterUpdate != nil {
			old, _ = getRecord(r, k.res()) // refused below by the update itself when hidden
		}
		rec, err := saveForm(s, r, k, creating)
		if err == nil && creating {
			rec, err = mergeChosen(s, r, k, rec)
		}
		if err == nil && old != nil {
			err = k.afterUpdate(r, old, rec)
		}
		if problems, ok := formProblems(err); ok {
			s.refuseForm(w, r, k.path, k.fields, problems, creating)
			return
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		next := "/" + k.path + "/" + strconv.FormatInt(k.res().id(rec), 10)
		if k.query == nil { // a form-only kind (follow-ups) has no page of its own
			next = "/"
		}
		if b := safeBack(r.PostForm.Get("next")); b != "" {
			next = b
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func saveForm[T any](s *Server, r *http.Request, k *recordKind[T], creating bool) (*T, error) {
	body, err := formJSON(k.fields, r.PostForm, creating)
	if err != nil {
		return nil, err
	}
	if creating {
		return createRecord(withJSON(r, body), s, k.res())
	}
	return updateRecord(withJSON(r, body), s, k.res())
}

// refuseForm shows a submitted form again, as typed, with its problems.
func (s *Server) refuseForm(w http.ResponseWriter, r *http.Request, kind string, fields []field, problems map[string]string, creating bool) {
	d := s.recordPageData(w, r, kind, "")
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Heading, d.Action, d.Back = d.T("rec.fix"), r.URL.Path, safeBack(r.PostForm.Get("next"))
	d.Fields = c.fieldViews(fields, r.PostForm, problems, creating)
	for name := range problems {
		if !hasField(fields, name) {
			d.Others = append(d.Others, c.problem(problems, name))
		}
	}
	s.render(w, r, http.StatusBadRequest, "record_form", d)
}

// withJSON is r carrying body as its JSON body, for the API's handlers.
func withJSON(r *http.Request, body []byte) *http.Request {
	r2 := r.Clone(r.Context())
	r2.Body, r2.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	return r2
}

// safeBack is a "next" on this site, or "" for none.
func safeBack(next string) string {
	if next == "" || safeNext(next) != next {
		return ""
	}
	return next
}

func hasField(fields []field, name string) bool {
	for _, f := range fields {
		if f.Name == name {
			return true
		}
	}
	return false
}
