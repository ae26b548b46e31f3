package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// row is one record's line in the list.
func (k *recordKind[T]) row(c *cells, cols []column[T], rec *T) rowView {
	res := k.res()
	id := res.id(rec)
	rv := rowView{ID: id, URL: "/" + k.path + "/" + strconv.FormatInt(id, 10)}
	for _, col := range cols {
		rv.Cells = append(rv.Cells, col.cell(c, rec))
	}
	if k.actions != nil {
		rv.Actions = k.actions(c, rec)
	}
	return rv
}

// pagerURLs are the links to the next page (keyset: after the last id
// shown) and back to the first, keeping the filters.
func pagerURLs(r *http.Request, next int64) (nextURL, first string) {
	q := r.URL.Query()
	q.Del("lang")
	if q.Get("cursor") != "" || q.Get(afterAlias.Name) != "" {
		fq := cloneValues(q)
		fq.Del("cursor")
		fq.Del(afterAlias.Name)
		first = pageURL(r.URL.Path, fq)
	}
	q.Del(afterAlias.Name)
	if next > 0 {
		q.Set("cursor", strconv.FormatInt(next, 10))
		nextURL = pageURL(r.URL.Path, q)
	}
	return nextURL, first
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// showPage shows one record, its fields and its kind's own sections.
func showPage[T any](s *Server, k *recordKind[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec, err := getRecord(r, k.res())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		d, c, err := recordForm(s, w, r, k, rec)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		d.EditURL = d.Action + "/edit"
		if k.actions != nil {
			d.Actions = k.actions(c, rec)
		}
		if k.links != nil {
			d.Links = k.links(c, rec)
		}
		if k.panel != nil {
			d.Pool = k.panel(c, viewerOf(r), rec)
		}
		if k.extra != nil {
			if d.Extra, err = k.extra(r.Context(), viewerOf(r), rec); err != nil {
				s.writeError(w, r, err)
				return
			}
			if p, ok := d.Extra.(*customer360); ok {
				p.Lang, p.Back = d.Lang, r.URL.Path
				if subj, ok := p.hubSubject(k.path); ok {
					err = s.fillHub(r, p, subj)
				}
			}
			if err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		s.render(w, r, http.StatusOK, "record", d)
	}
}
