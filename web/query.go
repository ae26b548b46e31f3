package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// Query parameters shared by the list routes.
var (
	pageParams = []param{
		{Name: "limit", Type: "integer", Doc: "page size, 1–500 (default 50)"},
		{Name: "cursor", Type: "string", Doc: "the previous page's next: records with an id below it"},
		afterAlias,
	}
	// afterAlias is the old name of cursor on the record lists, still read.
	afterAlias  = param{Name: "after", Type: "integer", Doc: "deprecated: the old name of cursor, still accepted; send cursor"}
	searchParam = []param{{"q", "string", "search text"}}
	ownerParams = []param{
		{"owner_id", "integer", "only records owned by this user"},
		{"pool", "boolean", "only records in the pool (no owner)"},
	}
	refParams = []param{
		{"ref_kind", "string", "with ref_id: only those about this record (customer, contact, lead, order, task)"},
		{"ref_id", "integer", "with ref_kind: the record's id"},
	}
)

// query reads typed query parameters, collecting problems per parameter.
type query struct {
	v url.Values
	p crm.Problems
}

func newQuery(r *http.Request) *query { return &query{v: r.URL.Query(), p: crm.Problems{}} }

func (q *query) str(name string) string { return q.v.Get(name) }

// id reads a positive id; absent is nil.
func (q *query) id(name string) *int64 {
	s := q.v.Get(name)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.p.Add(name, "must be a positive integer")
		return nil
	}
	return &n
}

func (q *query) boolean(name string) bool {
	s := q.v.Get(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.p.Add(name, "must be true or false")
	}
	return b
}

// time reads an RFC 3339 time; absent is nil.
func (q *query) time(name string) *time.Time {
	s := q.v.Get(name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		q.p.Add(name, "must be a time like 2026-03-01T09:00:00+08:00")
		return nil
	}
	return &t
}

// page reads limit and cursor (or after, its old name). Every list pages
// with cursor, the inbox's opaque one and the records' id alike.
func (q *query) page() crm.Page {
	var p crm.Page
	if s := q.v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > crm.MaxPageLimit {
			q.p.Add("limit", "must be an integer from 1 to "+strconv.Itoa(crm.MaxPageLimit))
		}
		p.Limit = n
	}
	name, s := q.cursor()
	if s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			q.p.Add(name, "must be a list's next cursor (0 or more)")
		}
		p.After = n
	}
	// sort orders the record lists (crm.Page.Sort, checked by the store);
	// reclaim_at is the pool's own order, read by poolFilter instead.
	if s := q.v.Get("sort"); s != crm.SortReclaim {
		p.Sort = s
	}
	return p.Clamp()
}

// cursor returns the page cursor and the name it came under: cursor, or
// after, its deprecated alias. Both at once is a mistake, not a choice.
func (q *query) cursor() (name, value string) {
	c, a := q.v.Get("cursor"), q.v.Get(afterAlias.Name)
	switch {
	case c != "" && a != "":
		q.p.Add("cursor", "send cursor or after (its old name), not both")
		return "cursor", ""
	case a != "":
		return afterAlias.Name, a
	}
	return "cursor", c
}

// ref reads ref_kind and ref_id together.
func (q *query) ref() *crm.Ref {
	kind, id := q.str("ref_kind"), q.id("ref_id")
	switch {
	case kind == "" && id == nil:
		return nil
	case kind == "" || id == nil:
		q.p.Add("ref_kind", "ref_kind and ref_id go together")
		return nil
	}
	return &crm.Ref{Kind: kind, ID: *id}
}

func (q *query) err() error { return q.p.Err() }

// pathID reads the {id} of the route's pattern.
func pathID(r *http.Request) (int64, error) {
	return parseID(chi.URLParam(r, "id"))
}

func parseID(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, crm.Errorf(crm.ENOTFOUND, "No such record.")
	}
	return n, nil
}
