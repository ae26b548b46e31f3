package crm

import (
	"context"
	"slices"
	"strings"
)

// SortKeys are the keys each kind's list may be sorted by (Page.Sort):
// columns that are never empty in the database, so that a sorted list
// still pages by keyset.
var SortKeys = map[string][]string{
	"customers": {"name", "status", "level", "created_at", "updated_at"},
	"contacts":  {"name", "created_at", "updated_at"},
	"leads":     {"name", "company", "status", "created_at", "updated_at"},
	"orders":    {"number", "kind", "status", "amount", "created_at"},
	"payments":  {"paid_at", "amount", "method"},
	"tasks":     {"title", "status", "created_at"},
	"products":  {"sku", "name", "category", "list_price"},
}

// ParseSort splits a Page.Sort into its key and direction, and checks the
// key against the kind's. EINVALID.
func ParseSort(kind, sort string) (key string, desc bool, err error) {
	key, desc = strings.CutPrefix(sort, "-")
	if key == "" || slices.Contains(SortKeys[kind], key) {
		return key, desc, nil
	}
	p := Problems{}
	p.Add("sort", "must be one of "+strings.Join(SortKeys[kind], ", ")+", with - in front for descending")
	return "", false, p.Err()
}

// ListCounter counts what a list filter selects, for the viewer it names,
// ignoring its page: the total a list page shows.
type ListCounter interface {
	CountCustomers(ctx context.Context, f CustomerFilter) (int64, error)
	CountContacts(ctx context.Context, f ContactFilter) (int64, error)
	CountLeads(ctx context.Context, f LeadFilter) (int64, error)
	CountOrders(ctx context.Context, f OrderFilter) (int64, error)
	CountPayments(ctx context.Context, f PaymentFilter) (int64, error)
	CountTasks(ctx context.Context, f TaskFilter) (int64, error)
	CountProducts(ctx context.Context, f ProductFilter) (int64, error)
}
