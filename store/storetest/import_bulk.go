package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// importBulk writes customers and a contact as an import chunk does, and
// finds them as CreateCustomer and CreateContact would have left them:
// index rows, claim time and countdown, and ids that later records do not
// take again.
func importBulk(t *testing.T, s crm.Store) {
	is := s.(crm.ImportStore)
	w := newWorld(t, s)
	must(t, s.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefCustomer, IdleDays: 30, WarnDays: 5}))
	one := &crm.Customer{Name: "逐条电子有限公司", Level: "A", Tags: []string{"重点"}, Domain: "one.example", OwnerID: &w.repA1.ID}
	must(t, s.CreateCustomer(ctx, one))
	owned := &crm.Customer{Name: "批量电子有限公司", Level: "A", Tags: []string{"重点", "新"}, Domain: "bulk.example",
		OwnerID: &w.repA1.ID}
	pooled := &crm.Customer{Name: "公海电子有限公司"}
	ct := &crm.Contact{Name: "王芳", Emails: []string{"wang@bulk.example"}, Phones: []string{"+8613800138111"},
		Tags: []string{"重点", "决策人"}}
	var ids, ctIDs []int64
	tx := is.WithTx
	if b, ok := s.(interface {
		WithBatchTx(ctx context.Context, fn func(ctx context.Context) error) error
	}); ok {
		tx = b.WithBatchTx // as the importer writes a chunk: one pipeline on PostgreSQL
	}
	must(t, tx(ctx, func(ctx context.Context) error {
		var err error
		if ids, err = is.ReserveImportIDs(ctx, "customers", 2); err != nil {
			return err
		}
		if ctIDs, err = is.ReserveImportIDs(ctx, "contacts", 1); err != nil {
			return err
		}
		owned.ID, pooled.ID, ct.ID, ct.CustomerID = ids[0], ids[1], ctIDs[0], &ids[0]
		return is.CreateImported(ctx, []*crm.Customer{owned, pooled}, []*crm.Contact{ct})
	}))
	got, err := s.Customer(ctx, crm.System, owned.ID)
	must(t, err)
	same(t, "tags", got.Tags, owned.Tags)
	same(t, "domains", got.Domains, []string{"bulk.example"})
	same(t, "pool state as returned", owned.PoolState, got.PoolState)
	if got.ReclaimAt == nil || got.ClaimedAt == nil || one.ReclaimAt == nil ||
		got.ReclaimAt.Sub(*got.ClaimedAt) != one.ReclaimAt.Sub(*one.ClaimedAt) || got.ReclaimWhy != one.ReclaimWhy {
		t.Fatalf("bulk customer's countdown %+v (claimed %v); one by one %+v (claimed %v)",
			got.PoolState, got.ClaimedAt, one.PoolState, one.ClaimedAt)
	}
	got, err = s.Customer(ctx, crm.System, pooled.ID)
	must(t, err)
	if got.ClaimedAt != nil || got.ReclaimAt != nil {
		t.Fatalf("an unowned customer counts down: %+v", got.PoolState)
	}
	byMail, err := s.ContactsByEmail(ctx, crm.System, "wang@bulk.example")
	must(t, err)
	if len(byMail) != 1 || byMail[0].ID != ct.ID || byMail[0].CustomerID == nil || *byMail[0].CustomerID != owned.ID {
		t.Fatalf("contact by email = %+v, want #%d of customer #%d", byMail, ct.ID, owned.ID)
	}
	tagged, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, Tag: "决策人"})
	must(t, err)
	if len(tagged.Items) != 1 || tagged.Items[0].ID != ct.ID || !slices.Equal(tagged.Items[0].Tags, ct.Tags) {
		t.Fatalf("contacts labelled 决策人 = %+v, want #%d with its tags", tagged.Items, ct.ID)
	}
	found, err := is.ImportMatches(ctx, "contact:phone", []string{"+8613800138111"})
	must(t, err)
	if len(found["+8613800138111"]) != 1 {
		t.Fatalf("contact by phone = %+v", found)
	}
	later := &crm.Customer{Name: "后来的客户"}
	must(t, s.CreateCustomer(ctx, later))
	if later.ID <= ids[1] {
		t.Fatalf("a later customer took id %d, reserved up to %d", later.ID, ids[1])
	}
	_, err = is.ReserveImportIDs(ctx, "users", 1)
	wantCode(t, err, crm.EINVALID)
}
