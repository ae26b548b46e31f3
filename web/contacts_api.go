package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var contactParams = []param{
	{"customer_id", "integer", "contacts of this customer"},
	{"owner_id", "integer", "only contacts owned by this user"},
	{"tag", "string", "contacts with this label"},
}

func (s *Server) contacts() resource[crm.Contact] {
	return resource[crm.Contact]{
		kind: crm.RefContact, ownerField: "owner_id",
		owner: func(c *crm.Contact) *int64 { return c.OwnerID },
		id:    func(c *crm.Contact) int64 { return c.ID },
		fresh: func(v crm.Viewer) *crm.Contact { return &crm.Contact{OwnerID: self(v)} },
		keep: func(dst, src *crm.Contact) {
			dst.ID, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedAt, src.UpdatedAt
		},
		check: s.checkContact,
		load:  s.store.Contact,
		create: func(ctx context.Context, _ crm.Viewer, c *crm.Contact) error {
			return s.store.CreateContact(ctx, c)
		},
		save: s.store.UpdateContact,
	}
}

// checkContact normalizes emails and phones and checks that the customer a
// contact belongs to is one the user can see.
func (s *Server) checkContact(ctx context.Context, v crm.Viewer, b *jsonBody, old, c *crm.Contact) error {
	if err := c.Normalize(crm.DefaultRegion); err != nil {
		return err
	}
	if changed(b, old, "customer_id") {
		if err := s.visibleID(ctx, v, "customer_id", crm.RefCustomer, c.CustomerID); err != nil {
			return err
		}
	}
	if old == nil && !b.has("owner_id") && c.CustomerID != nil {
		return s.inheritOwner(ctx, v, c)
	}
	return nil
}

// inheritOwner gives a new contact, created without an owner of its own,
// its customer's owner: ownership follows the customer. A pool customer's
// contact keeps its creator.
func (s *Server) inheritOwner(ctx context.Context, v crm.Viewer, c *crm.Contact) error {
	cu, err := s.store.Customer(ctx, v, *c.CustomerID)
	if err != nil {
		return err
	}
	if cu.OwnerID != nil {
		c.OwnerID = cu.OwnerID
	}
	return nil
}

func (s *Server) createContact(r *http.Request) (*crm.Contact, error) {
	return createRecord(r, s, s.contacts())
}

func (s *Server) getContact(r *http.Request) (*crm.Contact, error) {
	return getRecord(r, s.contacts())
}

func (s *Server) updateContact(r *http.Request) (*crm.Contact, error) {
	return updateRecord(r, s, s.contacts())
}

func (s *Server) listContacts(r *http.Request) (crm.List[*crm.Contact], error) {
	q := newQuery(r)
	f := crm.ContactFilter{
		Viewer: viewerOf(r), Query: q.str("q"), CustomerID: q.id("customer_id"),
		OwnerID: q.id("owner_id"), Tag: q.str("tag"), Page: q.page(),
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Contact]{}, err
	}
	return s.store.ListContacts(r.Context(), f)
}
