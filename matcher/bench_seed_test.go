package matcher_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// seedScale fills db with n contacts in customers of ten, n/10 customers
// with a domain and an order each, and n/10 leads, in transactions of a
// thousand records (calls with the batch's ctx join its transaction).
func seedScale(b *testing.B, db testStore, n int) {
	b.Helper()
	customers := max(n/10, 1)
	ids := make([]int64, customers)
	inBatches(b, db, customers, func(ctx context.Context, i int) error {
		c := &crm.Customer{Name: "Corp " + benchDomain(i), Domain: benchDomain(i)}
		if err := db.CreateCustomer(ctx, c); err != nil {
			return err
		}
		ids[i] = c.ID
		if err := db.CreateOrder(ctx, &crm.Order{Number: benchOrder(i), CustomerID: c.ID}); err != nil {
			return err
		}
		return db.CreateLead(ctx, &crm.Lead{Name: "Lead", Email: benchLeadEmail(i)})
	})
	inBatches(b, db, n, func(ctx context.Context, i int) error {
		return db.CreateContact(ctx, &crm.Contact{Name: "Contact", CustomerID: &ids[i/10],
			Emails: []string{benchEmail(i)}, Phones: []string{benchPhone(i)},
			Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wxapp1", Value: benchOpenID(i)}}})
	})
}

func inBatches(b *testing.B, db testStore, n int, fn func(ctx context.Context, i int) error) {
	for start := 0; start < n; start += 1000 {
		must(b, db.WithIngestTx(context.Background(), func(ctx context.Context, _ crm.IngestTx) error {
			for i := start; i < min(start+1000, n); i++ {
				if err := fn(ctx, i); err != nil {
					return err
				}
			}
			return nil
		}))
	}
}
