package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// recordKind describes the browser pages of one kind of record. The pages
// reuse the JSON API's resource (decode, check, store), so that the rules of
// a record live in one place: a submitted form becomes the API's JSON body.
type recordKind[T any] struct {
	path    string // URL segment and message-key prefix: "customers"
	one     string // message key of one record: "rec.customer"
	res     func() resource[T]
	fields  []field     // the form, in order; also the detail page's rows
	columns []column[T] // the list's table
	filters []field     // the list's select filters: status, kind, owner, due
	pool    bool        // the list has a pool tab (no owner)
	// tags are a record's labels, for the bulk "add label"; nil: the kind
	// has none.
	tags func(*T) []string
	// query binds a list request's filters: its pages and its total.
	query func(r *http.Request, f listFilter) listQuery[T]
	title func(*T) string
	// extra gathers a detail page's own sections (the 360° panel, line
	// items and payments…); nil: none.
	extra func(ctx context.Context, v crm.Viewer, rec *T) (any, error)
	// links are a detail page's links to new related records; nil: none.
	links func(c *cells, rec *T) []navLink
	// actions adds buttons to a list row (a lead's "claim"); nil: none.
	actions func(c *cells, rec *T) []rowAction
	// panel is a detail page's pool panel (leads, customers); nil: none.
	panel func(c *cells, v crm.Viewer, rec *T) *poolPanel
	// dupQuery is what a new record's form is checked against (查重)
	// before it is saved; nil: no check.
	dupQuery func(form url.Values) crm.DupQuery
	// merge folds a record just created into an existing one the user
	// chose among the duplicates; nil: duplicates can only be opened.
	merge func(ctx context.Context, v crm.Viewer, m crm.Merge) error
	// afterUpdate runs after an edit was saved, with the record as it was
	// (a customer's new owner takes its open records); nil: nothing.
	afterUpdate func(r *http.Request, old, rec *T) error
}

// field is one form input, named as the record's JSON field.
type field struct {
	Name    string
	Label   string   // message key "field.<Label>" when not "field.<Name>"
	Type    string   // text, email, url, textarea, lines, select, user, id, money, number, int, date, datetime, items, bool, secret
	Options []string // select values; their labels are messages "opt.<name>.<value>"
	Need    bool     // required, for the browser's own check
	NoEdit  bool     // set on create only (an order's customer)
	// Pick makes an "id" field a search-as-you-type picker of this kind
	// ("customers"; see Server.pickers); Scope names the field whose value
	// narrows its search (a signer among the order's customer's contacts).
	Pick, Scope string
	// Follow offers, on a new record's owner, "the customer's owner"
	// (sent as no owner_id, so the API gives it the customer's).
	Follow bool
}

// column is one list column: a message key and the cell of a record.
type column[T any] struct {
	key  string
	cell func(c *cells, rec *T) string
}

// rowAction is a POST button on a list row or detail page.
type rowAction struct {
	Label string // translated
	URL   string
}

// listFilter is what a list page was asked for.
type listFilter struct {
	Query  string
	Owner  string // "" (all I may see), "mine", "pool" or a user id
	Status string
	Kind   string
	Due    string // tasks: "overdue", "today", "week"
	Method string // follow-ups: made this way
	// Countdown: leads and customers: "days_left" (sorted), "soon" (about
	// to be reclaimed) or "frozen".
	Countdown string
	Tag       string // customers, leads, contacts: carrying this label
	// Drill: the list behind a report's figure (see drill.go).
	Drill drill
	Page  crm.Page
}

// ownerID turns the owner filter into the store's owner id and pool flag.
func (f listFilter) ownerID(v crm.Viewer) (*int64, bool) {
	switch f.Owner {
	case "", "all":
		return nil, false
	case "mine":
		return self(v), false
	case "pool":
		return nil, true
	}
	id, err := parseID(f.Owner)
	if err != nil {
		return nil, false
	}
	return &id, false
}

// readListFilter reads a list page's query.
func readListFilter(r *http.Request) (listFilter, error) {
	q := newQuery(r)
	f := listFilter{Query: q.str("q"), Owner: q.str("owner"), Status: q.str("status"),
		Kind: q.str("kind"), Due: q.str("due"), Countdown: q.str("countdown"), Tag: q.str("tag"), Method: q.str("method"),
		Page: q.page()}
	f.Drill = readDrill(q)
	return f, q.err()
}

// recListParams are the query parameters every list page accepts.
var recListParams = []param{
	{"q", "string", "search text"},
	{"owner", "string", "mine, pool, all, or a user id"},
	{"status", "string", "only records with this status"},
	{"kind", "string", "only records of this kind"},
	{"due", "string", "tasks: overdue, today or week"},
	{"countdown", "string", "leads and customers: days_left (soonest reclaim first), soon (about to be reclaimed) or frozen"},
	{"tag", "string", "customers, leads and contacts: carrying this label"},
	{"sort", "string", "order by a column (see each list's sortable headings; - in front: descending)"},
	{"done", "integer", "after a bulk action: how many records it changed"},
	{"failed", "integer", "after a bulk action: how many it could not change (not allowed, over a cap…)"},
	{"limit", "integer", "page size, 1–500 (default 50)"},
	{"cursor", "string", "the previous page's last id"},
	{"customer_id", "integer", "orders: of this customer"},
	{"dealer_id", "integer", "orders: sold through this dealer"},
	{"team_id", "integer", "orders, leads, customers, follow-ups: owned (made) by this team's members; tasks: assigned to them; payments: on orders they own"},
	{"user_id", "integer", "orders: owned by this user"},
	{"from", "string", "orders: sold on or after this day (YYYY-MM-DD); leads, customers: created on or after it; payments: paid on or after it; follow-ups: made on or after it; tasks: see completed"},
	{"to", "string", "orders: sold on or before this day (YYYY-MM-DD); leads, customers: created on or before it; payments: paid on or before it; tasks: see completed"},
	{"completed", "boolean", "tasks: done on from…to (the workload report's tasks done)"},
	{"due_before", "string", "tasks: due before this day began (YYYY-MM-DD; the workload report's overdue tasks)"},
	{"sold", "boolean", "orders: only those that count as sales (active or completed), as the sales report counts"},
	{"product_id", "integer", "orders: with a line of this product"},
	{"category", "string", "orders: with a line of a product of this category"},
	{"region", "string", "orders: of customers in this region"},
	{"level", "string", "orders: of customers of this level"},
	{"channel", "string", "leads: from this channel"},
	{"form", "string", "leads: from this web form"},
	{"utm_campaign", "string", "leads: from this UTM campaign"},
	{"qr_scene", "string", "leads: from this WeChat QR scene"},
	{"converted", "boolean", "leads: only those converted into a customer"},
	{"method", "string", "follow-ups: made this way (call, visit, wechat, email, meeting, sms, other)"},
	{"first", "boolean", "orders: the funnel's first orders, the first sale ever of each customer converted from the leads lead_from…lead_to, lead_channel, lead_form, lead_utm_campaign and lead_qr_scene name (the leads you may see)"},
	{"lead_from", "string", "orders with first: leads created on or after this day (YYYY-MM-DD)"},
	{"lead_to", "string", "orders with first: leads created on or before this day"},
	{"lead_channel", "string", "orders with first: leads from this channel"},
	{"lead_form", "string", "orders with first: leads from this web form"},
	{"lead_utm_campaign", "string", "orders with first: leads from this UTM campaign"},
	{"lead_qr_scene", "string", "orders with first: leads from this WeChat QR scene"},
	afterAlias,
	{"lang", "string", "switch the page language: en or zh-CN"},
}
