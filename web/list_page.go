package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// listPage shows one page of a kind's records with its search, filters,
// total, the user's columns, sort links, saved filters and bulk actions.
func listPage[T any](s *Server, k *recordKind[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d := s.recordPageData(w, r, k.path, "")
		d.Heading = d.T("rec." + k.path)
		f, c, cols, err := listSetup(s, r, k, d.Lang)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		lq := k.query(r, f)
		l, err := lq.page(f.Page)
		if err == nil {
			d.List, err = s.listView(r, k.path, c, lq.count)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		d.List.Columns = columnChoices(c, k.columns, cols)
		d.Query, d.Filters = f.Query, c.filterViews(k.filters, k.pool, f)
		for i, fl := range k.filters {
			if fl.Name == "status" {
				d.List.Status = &c.filterViews(k.filters[i:i+1], false, listFilter{})[0]
			}
		}
		if k.res().ownerField == "" {
			d.List.Owners = nil
		}
		if k.tags != nil {
			d.List.Labelled, d.List.Labels = true, s.labelNames(r)
			d.Filters = append(d.Filters, c.labelFilter(d.List.Labels, f.Tag))
		}
		q := r.URL.Query()
		d.List.Done, d.List.Failed = q.Get("done"), q.Get("failed")
		d.Headers = sortHeaders(r, k.path, c, cols, f.Page.Sort)
		for _, rec := range l.Items {
			d.Rows = append(d.Rows, k.row(c, cols, rec))
		}
		d.Next, d.First = pagerURLs(r, l.Next)
		s.render(w, r, http.StatusOK, "records", d)
	}
}

// listSetup reads what a list page and its export share: the filters, the
// cells in the page's language, and the user's columns.
func listSetup[T any](s *Server, r *http.Request, k *recordKind[T], lang string) (listFilter, *cells, []column[T], error) {
	f, err := readListFilter(r)
	if err != nil {
		return f, nil, nil, err
	}
	c, err := s.newCells(r.Context(), viewerOf(r), lang)
	if err != nil {
		return f, nil, nil, err
	}
	cols, err := chosenColumns(s, r, k)
	return f, c, cols, err
}

// headerView is a list column's heading and the link that sorts by it.
type headerView struct {
	Label string
	Sort  string // the URL sorting by this column, "" when it cannot be
	Dir   string // "ascending" or "descending" when the list is sorted by it
}

// sortKey is the crm.SortKeys key a column sorts by, "" for none: a
// column "field.X" sorts by X when the kind's store sorts by it.
func sortKey(kind, colKey string) string {
	name, ok := strings.CutPrefix(colKey, "field.")
	if ok && slices.Contains(crm.SortKeys[kind], name) {
		return name
	}
	return ""
}

// sortHeaders are the headings of cols: a sortable one links to the list
// sorted by it, ascending first, then descending.
func sortHeaders[T any](r *http.Request, kind string, c *cells, cols []column[T], sort string) []headerView {
	cur, desc := strings.CutPrefix(sort, "-")
	out := make([]headerView, 0, len(cols))
	for _, col := range cols {
		h := headerView{Label: c.t(col.key)}
		if key := sortKey(kind, col.key); key != "" {
			next := key
			if key == cur {
				h.Dir = "ascending"
				if desc {
					h.Dir = "descending"
				} else {
					next = "-" + key
				}
			}
			q := r.URL.Query()
			q.Del("lang")
			q.Del("cursor")
			q.Del(afterAlias.Name)
			q.Del("done")
			q.Del("failed")
			q.Set("sort", next)
			h.Sort = pageURL(r.URL.Path, q)
		}
		out = append(out, h)
	}
	return out
}
