package matcher_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// checkNewContact compares the fields the matcher fills.
func (f *fixture) checkNewContact(t *testing.T, got, want *crm.Contact) {
	t.Helper()
	switch {
	case got == nil && want == nil:
		return
	case got == nil || want == nil:
		t.Errorf("NewContact = %+v, want %+v", got, want)
		return
	}
	if got.Name != want.Name || !slices.Equal(got.Emails, want.Emails) || !slices.Equal(got.Phones, want.Phones) ||
		!sameID(got.CustomerID, want.CustomerID) || !sameID(got.OwnerID, want.OwnerID) ||
		len(got.Identities) != len(want.Identities) {
		t.Errorf("NewContact = %+v\n want %+v", *got, *want)
	}
	if err := got.Normalize(crm.DefaultRegion); err != nil {
		t.Errorf("NewContact is not valid: %v", err)
	}
}

// checkNewLead compares the fields the matcher fills; Notes is checked for
// a prefix only.
func checkNewLead(t *testing.T, got, want *crm.Lead) {
	t.Helper()
	switch {
	case got == nil && want == nil:
		return
	case got == nil || want == nil:
		t.Errorf("NewLead = %+v, want %+v", got, want)
		return
	}
	g, w := *got, *want
	if g.Name != w.Name || g.Company != w.Company || g.Title != w.Title || g.Phone != w.Phone ||
		g.Email != w.Email || g.Source != w.Source || g.Status != crm.LeadNew || g.OwnerID != nil ||
		!maps.Equal(g.Custom, w.Custom) || len(g.Notes) < len(w.Notes) || g.Notes[:len(w.Notes)] != w.Notes {
		t.Errorf("NewLead = %+v\n want %+v", g, w)
	}
	if err := g.Normalize(crm.DefaultRegion); err != nil {
		t.Errorf("NewLead is not valid: %v", err)
	}
}

func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func ptr[T any](v T) *T { return &v }
