package crm

import (
	"context"
	"slices"
	"strings"
)

// Label is a managed label: customers' tags and conversations' labels
// point at it by id, so renaming it or giving it another colour changes it
// everywhere at once.
type Label struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"` // one of LabelColors
	// Customers, Conversations, Leads and Contacts count the records carrying it.
	Customers     int64 `json:"customers"`
	Conversations int64 `json:"conversations"`
	Leads         int64 `json:"leads"`
	Contacts      int64 `json:"contacts"`
}

// LabelColors is the palette a label's colour is picked from; the pages
// draw each with a class of its own (no inline styles under the CSP).
var LabelColors = []string{"gray", "red", "orange", "yellow", "green", "teal", "blue", "indigo", "purple", "pink"}

// Normalize trims the name and checks the colour; none is gray. EINVALID.
func (l *Label) Normalize() error {
	p := Problems{}
	l.Name = strings.TrimSpace(l.Name)
	p.Require("name", l.Name)
	p.MaxLen("name", l.Name, 50)
	if l.Color == "" {
		l.Color = LabelColors[0]
	}
	if !slices.Contains(LabelColors, l.Color) {
		p.Add("color", "must be one of "+strings.Join(LabelColors, ", "))
	}
	return p.Err()
}

// LabelStore manages the labels. A label used on records that a user may
// not open is still listed: labels are the company's vocabulary.
type LabelStore interface {
	// ListLabels returns every label, by name, with how many records v
	// may see carry it.
	ListLabels(ctx context.Context, v Viewer) ([]*Label, error)
	// CreateLabel stores a new label. EINVALID, ECONFLICT (the name is taken).
	CreateLabel(ctx context.Context, l *Label) error
	// UpdateLabel renames or recolours a label on every record at once.
	// ENOTFOUND, EINVALID, ECONFLICT.
	UpdateLabel(ctx context.Context, l *Label) error
	// DeleteLabel takes a label off every record and deletes it. ENOTFOUND.
	DeleteLabel(ctx context.Context, id int64) error
}
