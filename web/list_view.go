package web

import (
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// listView is what a list page shows around its table: the total, the
// columns to choose from, the saved filters, and what the bulk actions
// and exports need.
type listView struct {
	Total   int64
	Query   string // the list's query string, without page or language
	CSV     string // the list's exports, with its query
	XLSX    string
	Columns []columnChoice
	Saved   []savedView
	Owners  []selectOption // bulk assign: to whom the viewer may assign
	Status  *filterView    // bulk status: the kind's statuses; nil: none
	Share   bool           // the viewer has a team to share a filter with
	// Labelled: the kind carries labels (bulk "add label"), picked from Labels.
	Labelled bool
	Labels   []string
	// Done and Failed report the bulk action just run ("" when none).
	Done, Failed string
}

// columnChoice is one column in the column chooser.
type columnChoice struct {
	Key, Label string
	Shown      bool
}

// savedView is a saved filter as a link.
type savedView struct {
	ID     int64
	Name   string
	URL    string
	Shared bool
	Mine   bool // its owner may delete it
}

func (s *Server) listView(r *http.Request, kind string, c *cells, count func() (int64, error)) (*listView, error) {
	ls, err := s.lists()
	if err != nil {
		return nil, err
	}
	total, err := count()
	if err != nil {
		return nil, err
	}
	v := viewerOf(r)
	q := r.URL.Query()
	q.Del("done")
	q.Del("failed")
	lv := &listView{Total: total, Query: listQueryString(q), Share: v.TeamID != 0,
		Owners: c.userOptions("")}
	lv.CSV, lv.XLSX = exportURL(kind, lv.Query, "csv"), exportURL(kind, lv.Query, "xlsx")
	saved, err := ls.SavedFilters(r.Context(), v, kind)
	if err != nil {
		return nil, err
	}
	for _, f := range saved {
		lv.Saved = append(lv.Saved, savedView{ID: f.ID, Name: f.Name, URL: pageURL("/"+kind, mustQuery(f.Query)),
			Shared: f.TeamID != nil, Mine: f.UserID == v.UserID})
	}
	return lv, nil
}

// listQueryString is a list's query as a saved filter or an export keeps
// it: its filters and sort, not its page or language.
func listQueryString(q url.Values) string {
	q = cloneValues(q)
	for _, k := range []string{"cursor", afterAlias.Name, "lang", "limit", "format"} {
		q.Del(k)
	}
	for k, v := range q {
		if len(v) == 0 || v[0] == "" {
			delete(q, k)
		}
	}
	return q.Encode()
}

func exportURL(kind, query, format string) string {
	q := mustQuery(query)
	q.Set("format", format)
	return "/" + kind + "/export?" + q.Encode()
}

func mustQuery(s string) url.Values {
	q, _ := url.ParseQuery(s) // stored after crm.SavedFilter.Normalize parsed it
	return q
}

// chosenColumns are the columns the user chose for k's list, in their
// order, or the kind's own when they chose none (or none that still exists).
func chosenColumns[T any](s *Server, r *http.Request, k *recordKind[T]) ([]column[T], error) {
	ls, err := s.lists()
	if err != nil {
		return nil, err
	}
	keys, err := ls.ListColumns(r.Context(), viewerOf(r).UserID, k.path)
	if err != nil {
		return nil, err
	}
	var out []column[T]
	for _, key := range keys {
		for _, col := range k.columns {
			if col.key == key {
				out = append(out, col)
			}
		}
	}
	if len(out) == 0 {
		return k.columns, nil
	}
	return out, nil
}

// columnChoices are every column of the kind, the chosen ones first in
// their order and ticked.
func columnChoices[T any](c *cells, all, chosen []column[T]) []columnChoice {
	out := make([]columnChoice, 0, len(all))
	shown := map[string]bool{}
	for _, col := range chosen {
		shown[col.key] = true
		out = append(out, columnChoice{Key: col.key, Label: c.t(col.key), Shown: true})
	}
	for _, col := range all {
		if !shown[col.key] {
			out = append(out, columnChoice{Key: col.key, Label: c.t(col.key)})
		}
	}
	return out
}

// postColumns stores the columns ticked in the chooser, then shows the list.
func postColumns[T any](s *Server, k *recordKind[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		var keys []string
		for _, key := range r.PostForm["column"] {
			for _, col := range k.columns {
				if col.key == key {
					keys = append(keys, key)
				}
			}
		}
		ls, err := s.lists()
		if err == nil {
			err = ls.SetListColumns(r.Context(), viewerOf(r).UserID, k.path, keys)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		http.Redirect(w, r, pageURL("/"+k.path, mustQuery(r.PostForm.Get("query"))), http.StatusSeeOther)
	}
}

// postSavedFilter saves the list's current query under a name.
func (s *Server) postSavedFilter(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		v := viewerOf(r)
		f := &crm.SavedFilter{Kind: kind, Name: r.PostForm.Get("name"), Query: r.PostForm.Get("query")}
		if r.PostForm.Get("share") != "" && v.TeamID != 0 {
			f.TeamID = &v.TeamID
		}
		ls, err := s.lists()
		if err == nil {
			err = ls.SaveFilter(r.Context(), v, f)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		http.Redirect(w, r, pageURL("/"+kind, mustQuery(f.Query)), http.StatusSeeOther)
	}
}

// postDeleteSavedFilter deletes one of the user's saved filters.
func (s *Server) postDeleteSavedFilter(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var ls listStore
		if err == nil {
			ls, err = s.lists()
		}
		if err == nil {
			err = ls.DeleteSavedFilter(r.Context(), viewerOf(r), id)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		http.Redirect(w, r, "/"+kind, http.StatusSeeOther)
	}
}
