package crm

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// SavedFilter is a list's filters and sort saved under a name by a user,
// to open again in one click; shared, it is offered to the user's team too.
type SavedFilter struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"user_id"`
	Kind   string `json:"kind"`  // the list: "customers", "leads"…
	Name   string `json:"name"`  // unique per user and list
	Query  string `json:"query"` // the list's query string: "status=deal&sort=-updated_at"
	// TeamID is the team it is shared with; nil: its user's alone.
	TeamID    *int64    `json:"team_id"`
	CreatedAt time.Time `json:"created_at"`
}

// Normalize trims the name and checks the fields. EINVALID.
func (f *SavedFilter) Normalize() error {
	p := Problems{}
	f.Name = strings.TrimSpace(f.Name)
	p.Require("name", f.Name)
	p.MaxLen("name", f.Name, 100)
	p.MaxLen("query", f.Query, 2000)
	if _, err := url.ParseQuery(f.Query); err != nil {
		p.Add("query", "must be a query string")
	}
	if _, ok := SortKeys[f.Kind]; !ok {
		p.Add("kind", "must be a list")
	}
	return p.Err()
}

// ListViewStore keeps each user's choices on the record lists: the columns
// shown and the saved filters.
type ListViewStore interface {
	// ListColumns returns the column keys a user chose for a list, nil
	// when they chose none (the list's defaults).
	ListColumns(ctx context.Context, userID int64, kind string) ([]string, error)
	// SetListColumns stores a user's columns for a list; nil or empty
	// goes back to the defaults. ENOTFOUND (no such user).
	SetListColumns(ctx context.Context, userID int64, kind string, cols []string) error
	// SavedFilters returns the filters of a list that v saved or that were
	// shared with v's team, by name.
	SavedFilters(ctx context.Context, v Viewer, kind string) ([]*SavedFilter, error)
	// SaveFilter stores a new filter of v's (UserID is v's); a name v
	// already used on that list replaces that filter. A team other than
	// v's own is refused. EINVALID, EFORBIDDEN.
	SaveFilter(ctx context.Context, v Viewer, f *SavedFilter) error
	// DeleteSavedFilter removes one of v's own filters. ENOTFOUND.
	DeleteSavedFilter(ctx context.Context, v Viewer, id int64) error
}
