package crm

// Page asks for one page of a list, newest first, by keyset: the records with
// an id below After (0: from the newest).
type Page struct {
	Limit int   `json:"limit"`
	After int64 `json:"after"`
	// Sort orders the list by one of its kind's SortKeys, ascending, or
	// descending with a leading "-" ("-amount"); ties go by id in the same
	// direction, so the order is stable and After still pages through it.
	// Empty: newest first.
	Sort string `json:"sort,omitempty"`
}

// DefaultPageLimit and MaxPageLimit bound Page.Limit.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 500
)

// Clamp returns p with Limit inside [1, MaxPageLimit].
func (p Page) Clamp() Page {
	switch {
	case p.Limit <= 0:
		p.Limit = DefaultPageLimit
	case p.Limit > MaxPageLimit:
		p.Limit = MaxPageLimit
	}
	if p.After < 0 {
		p.After = 0
	}
	return p
}

// List is one page of records and the cursor for the next (0: no more).
type List[T any] struct {
	Items []T   `json:"items"`
	Next  int64 `json:"next"`
}

// NewList builds a List from up to limit+1 fetched items: the extra one only
// tells that there is a next page. id returns an item's id.
func NewList[T any](items []T, limit int, id func(T) int64) List[T] {
	if items == nil {
		items = []T{}
	}
	if len(items) <= limit {
		return List[T]{Items: items}
	}
	items = items[:limit]
	return List[T]{Items: items, Next: id(items[limit-1])}
}
