package storetest

import (
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testOrderFollowsCustomer: the owner of a customer (and that owner's
// manager) sees the customer's orders, contracts, payments and plans even
// when another rep owns them; a rep who owns neither does not; a pool
// customer opens no one's orders.
func testOrderFollowsCustomer(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "东莞精工", OwnerID: ptr(w.repA1.ID)}
	pool := &crm.Customer{Name: "公海客户"}
	must(t, s.CreateCustomer(ctx, cust))
	must(t, s.CreateCustomer(ctx, pool))
	contract := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-OWN-1", CustomerID: cust.ID, Amount: 5000, OwnerID: ptr(w.repB.ID)}
	other := &crm.Order{Number: "SO-OWN-2", CustomerID: pool.ID, Amount: 10, OwnerID: ptr(w.repB.ID)}
	must(t, s.CreateOrder(ctx, contract))
	must(t, s.CreateOrder(ctx, other))
	pm := &crm.Payment{OrderID: contract.ID, Amount: 10, Method: crm.MethodWeChat, PaidAt: aTime(0)}
	must(t, s.RecordPayment(ctx, crm.System, pm))

	tests := []struct {
		who       *crm.User
		contract  bool // sees the contract of the customer
		poolOrder bool // sees repB's order of the pool customer
	}{
		{w.repA1, true, false},
		{w.mgrA, true, false},
		{w.repA2, false, false},
		{w.repB, true, true},
		{w.mgrB, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.who.Email, func(t *testing.T) {
			v := tt.who.Viewer()
			_, errO := s.Order(ctx, v, contract.ID)
			_, errP := s.Payment(ctx, v, pm.ID)
			_, errL := s.PaymentPlans(ctx, v, contract.ID)
			for _, err := range []error{errO, errP, errL} {
				if tt.contract && err != nil || !tt.contract && !crm.IsNotFound(err) {
					t.Errorf("the contract's order/payment/plans: %v, want visible %v", err, tt.contract)
				}
			}
			l, err := s.ListOrders(ctx, crm.OrderFilter{Viewer: v})
			must(t, err)
			ids := make([]int64, 0, len(l.Items))
			for _, o := range l.Items {
				ids = append(ids, o.ID)
			}
			if slices.Contains(ids, contract.ID) != tt.contract || slices.Contains(ids, other.ID) != tt.poolOrder {
				t.Errorf("lists orders %v; want the contract %v, the pool customer's order %v", ids, tt.contract, tt.poolOrder)
			}
			ps, err := s.ListPayments(ctx, crm.PaymentFilter{Viewer: v})
			must(t, err)
			if (len(ps.Items) == 1) != tt.contract {
				t.Errorf("lists %d payments, want the contract's: %v", len(ps.Items), tt.contract)
			}
		})
	}
}
