package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// Transactor is a store whose writes can be grouped in one transaction
// (the ingest pipeline's need): calls made with the ctx fn receives join it.
type Transactor interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// RunTx checks that WithTx commits all of fn's writes or none, and that
// reads inside it see its own writes.
func RunTx(t *testing.T, open Opener) {
	t.Run("WithTx/RollsBackEverything", func(t *testing.T) {
		s := open(t)
		tx := s.(Transactor)
		boom := errors.New("boom")
		err := tx.WithTx(ctx, func(ctx context.Context) error {
			c := &crm.Customer{Name: "会回滚的客户"}
			must(t, s.CreateCustomer(ctx, c))
			got, err := s.Customer(ctx, crm.System, c.ID) // sees its own write
			must(t, err)
			same(t, "read inside", got.Name, c.Name)
			must(t, s.CreateLead(ctx, &crm.Lead{Name: "会回滚的线索"}))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx = %v, want fn's error", err)
		}
		cs, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System})
		must(t, err)
		ls, err := s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System})
		must(t, err)
		if len(cs.Items)+len(ls.Items) != 0 {
			t.Fatalf("after rollback: %d customers, %d leads; want none", len(cs.Items), len(ls.Items))
		}
	})
	t.Run("WithTx/CommitsEverything", func(t *testing.T) {
		s := open(t)
		err := s.(Transactor).WithTx(ctx, func(ctx context.Context) error {
			if err := s.CreateCustomer(ctx, &crm.Customer{Name: "甲"}); err != nil {
				return err
			}
			// A failed write inside does not poison the transaction when
			// the caller handles it.
			if err := s.CreateCustomer(ctx, &crm.Customer{}); crm.ErrorCode(err) != crm.EINVALID {
				t.Errorf("invalid customer: %v", err)
			}
			// Nor does one that fails in the database (on PostgreSQL an
			// error aborts the transaction unless it is contained).
			wx := []crm.Identity{{Kind: crm.IdentityUnionID, Value: "u-1"}}
			if err := s.CreateContact(ctx, &crm.Contact{Name: "丙", Identities: wx}); err != nil {
				return err
			}
			err := s.CreateContact(ctx, &crm.Contact{Name: "丁", Emails: []string{"ding@x.example"}, Identities: wx})
			if crm.ErrorCode(err) != crm.ECONFLICT {
				t.Errorf("taken identity: %v, want ECONFLICT", err)
			}
			return s.CreateLead(ctx, &crm.Lead{Name: "乙"})
		})
		must(t, err)
		// The failed contact left nothing behind.
		found, err := s.ContactsByEmail(ctx, crm.System, "ding@x.example")
		must(t, err)
		contacts, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System})
		must(t, err)
		if len(found) != 0 || len(contacts.Items) != 1 {
			t.Fatalf("after a failed contact: %d by its email, %d contacts; want 0 and 1", len(found), len(contacts.Items))
		}
		cs, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System})
		must(t, err)
		ls, err := s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System})
		must(t, err)
		same(t, "committed", len(cs.Items)+len(ls.Items), 2)
	})
}
