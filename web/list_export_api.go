package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// exportFormatParam is what every /export route takes beside its list's
// own filters.
var exportFormatParam = []param{{"format", "string", "csv (UTF-8 with a byte-order mark, formula-safe) or xlsx"},
	{"lang", "string", "the headings' language: en or zh-CN (default: the user's)"}}

// apiExport writes what an API list route returns, with the same filters
// and sort, as CSV or XLSX: it calls the route's own handler for each
// page (the largest) and writes the page's rows before reading the next.
// cols are the columns written, headed in the user's language.
func apiExport[T any](s *Server, name string, cols []column[T], list func(*http.Request) (crm.List[T], error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		format := q.Get("format")
		if !slices.Contains(tabular.Formats, format) {
			s.writeError(w, r, invalid("format", "must be csv or xlsx"))
			return
		}
		lang := langOf(r)
		if l := q.Get("lang"); ui.Has(l) {
			lang = l
		}
		c, err := s.newCells(r.Context(), viewerOf(r), lang)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		q.Del("format")
		q.Del("lang")
		q.Set("limit", strconv.Itoa(crm.MaxPageLimit))
		page := func() (crm.List[T], error) {
			r2 := r.Clone(r.Context())
			r2.URL.RawQuery = q.Encode()
			return list(r2)
		}
		l, err := page() // the first page is read before the file starts, so a bad filter is a 400
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		header := headings(c, cols)
		startDownload(w, format, "rapport-"+name+"-"+s.now().Format("20060102-1504"))
		tw, err := tabular.New(format, w, c.t("rec."+name), header)
		row := make([]tabular.Cell, len(cols))
		for err == nil {
			for _, rec := range l.Items {
				for i, col := range cols {
					row[i] = tabular.Text(col.cell(c, &rec))
				}
				if err = tw.Row(row); err != nil {
					break
				}
			}
			clear(c.names)
			if err != nil || l.Next == 0 {
				break
			}
			q.Del(afterAlias.Name)
			q.Set("cursor", strconv.FormatInt(l.Next, 10))
			l, err = page()
		}
		if err == nil {
			err = tw.Close()
		}
		if err != nil {
			s.log.Error("api export", "list", name, "err", err) // the header is sent: log only
		}
	}
}
