package web

import (
	"net/http"
	"slices"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// exportList writes a kind's list, filtered and sorted as its page is, as
// CSV or XLSX headed in the page's language with the user's columns. It
// walks the list by keyset pages and writes each row as it is read, so a
// long export holds one page, never the whole list; only what the viewer
// may see is read. Ticked rows (id=…) export those records alone.
func exportList[T any](s *Server, k *recordKind[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		format := r.URL.Query().Get("format")
		if !slices.Contains(tabular.Formats, format) {
			s.writeError(w, r, invalid("format", "must be csv or xlsx"))
			return
		}
		f, c, cols, err := listSetup(s, r, k, langOf(r))
		if err == nil {
			_, _, err = crm.ParseSort(k.path, f.Page.Sort) // refused before the file starts
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		walk := pagesOf(k.query(r, f), f.Page.Sort)
		if ids := r.URL.Query()["id"]; len(ids) > 0 {
			walk = recordsOf(r, k.res(), ids)
		}
		header := headings(c, cols)
		startDownload(w, format, "rapport-"+k.path+"-"+s.now().Format("20060102-1504"))
		tw, err := tabular.New(format, w, c.t("rec."+k.path), header)
		if err == nil {
			row := make([]tabular.Cell, len(cols))
			err = walk(func(rec *T) error {
				for i, col := range cols {
					row[i] = tabular.Text(col.cell(c, rec))
				}
				return tw.Row(row)
			}, func() { clear(c.names) }) // names are looked up once a page: the cache stays a page's size
		}
		if err == nil {
			err = tw.Close()
		}
		if err != nil {
			s.log.Error("list export", "kind", k.path, "err", err) // the header is sent: log only
		}
	}
}

// headings are the columns' headings in the cells' language.
func headings[T any](c *cells, cols []column[T]) []string {
	out := make([]string, len(cols))
	for i, col := range cols {
		out[i] = c.t(col.key)
	}
	return out
}

// startDownload sends the headers of an export file.
func startDownload(w http.ResponseWriter, format, name string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", tabular.ContentType(format))
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.`+format+`"`)
}

// walker calls each for every record of a list in order, and page after
// each page read.
type walker[T any] func(each func(*T) error, page func()) error

// pagesOf walks a list query page by page (the largest page the store
// gives), in sort's order.
func pagesOf[T any](lq listQuery[T], sort string) walker[T] {
	return func(each func(*T) error, page func()) error {
		p := crm.Page{Limit: crm.MaxPageLimit, Sort: sort}
		for {
			l, err := lq.page(p)
			if err != nil {
				return err
			}
			for _, rec := range l.Items {
				if err := each(rec); err != nil {
					return err
				}
			}
			page()
			if l.Next == 0 {
				return nil
			}
			p.After = l.Next
		}
	}
}

// recordsOf walks the records with these ids that the viewer may see, in
// the order given; others are left out as a list leaves them out.
func recordsOf[T any](r *http.Request, res resource[T], ids []string) walker[T] {
	return func(each func(*T) error, page func()) error {
		for _, s := range ids {
			id, err := parseID(s)
			if err != nil {
				continue
			}
			rec, err := res.load(r.Context(), viewerOf(r), id)
			if crm.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if err := each(rec); err != nil {
				return err
			}
		}
		page()
		return nil
	}
}
