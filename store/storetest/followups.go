package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var followUpTests = []storeTest{
	{"FollowUp/RoundTrip", testFollowUpRoundTrip},
	{"FollowUp/LeadLastFollowUp", testFollowUpLead},
	{"FollowUp/Invalid", testFollowUpInvalid},
	{"FollowUp/Visibility", testFollowUpVisibility},
	{"FollowUp/List", testFollowUpList},
}

func testFollowUpRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强"}
	must(t, s.CreateCustomer(ctx, cust))
	f := &crm.FollowUp{Method: crm.FollowVisit, At: aTime(0), UserID: w.repA1.ID, Result: "有意向",
		Details: "拜访了采购部，对方要求下周报价", NextStep: "发报价单", NextAt: ptr(aTime(7)),
		Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: cust.ID}}}
	must(t, s.CreateFollowUp(ctx, f))
	same(t, "at stored as UTC µs", f.At, stored(aTime(0)))
	got, err := s.FollowUp(ctx, w.repA1.Viewer(), f.ID)
	must(t, err)
	same(t, "follow-up", got, f)
	f.Method, f.NextAt, f.Result = crm.FollowCall, nil, "成交"
	must(t, s.UpdateFollowUp(ctx, w.repA1.Viewer(), f))
	got, err = s.FollowUp(ctx, crm.System, f.ID)
	must(t, err)
	same(t, "after update", got, f)
	_, err = s.FollowUp(ctx, crm.System, f.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	f.ID++
	wantCode(t, s.UpdateFollowUp(ctx, crm.System, f), crm.ENOTFOUND)
}

func testFollowUpLead(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	lead := &crm.Lead{Name: "线索"}
	must(t, s.CreateLead(ctx, lead))
	ref := []crm.Ref{{Kind: crm.RefLead, ID: lead.ID}}
	must(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowWeChat, At: aTime(2), UserID: w.repA1.ID, Refs: ref}))
	got, err := s.Lead(ctx, crm.System, lead.ID)
	must(t, err)
	if got.LastFollowUpAt == nil || !got.LastFollowUpAt.Equal(stored(aTime(2))) {
		t.Fatalf("last follow-up = %v, want %v", got.LastFollowUpAt, aTime(2))
	}
	// One recorded late, for an earlier day, does not move it back.
	must(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: aTime(-5), UserID: w.repA1.ID, Refs: ref}))
	got, err = s.Lead(ctx, crm.System, lead.ID)
	must(t, err)
	same(t, "last follow-up kept", *got.LastFollowUpAt, stored(aTime(2)))
	// Saving the lead does not undo it either.
	must(t, s.UpdateLead(ctx, crm.System, got))
	same(t, "after lead update", *got.LastFollowUpAt, stored(aTime(2)))
}

func testFollowUpInvalid(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	wantFields(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: "telepathy"}), "method", "at", "user_id", "refs")
	wantFields(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: aTime(0), UserID: 999,
		Refs: []crm.Ref{{Kind: crm.RefLead, ID: 5}}}), "user_id", "refs")
	lead := &crm.Lead{Name: "x"}
	must(t, s.CreateLead(ctx, lead))
	// The second ref is missing: nothing is written, the lead is untouched.
	wantFields(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: aTime(0), UserID: w.repA1.ID,
		Refs: []crm.Ref{{Kind: crm.RefLead, ID: lead.ID}, {Kind: crm.RefOrder, ID: 77}}}), "refs")
	got, err := s.Lead(ctx, crm.System, lead.ID)
	must(t, err)
	if got.LastFollowUpAt != nil {
		t.Fatalf("a failed follow-up moved the lead's last follow-up to %v", got.LastFollowUpAt)
	}
	l, err := s.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System})
	must(t, err)
	same(t, "follow-ups stored", len(l.Items), 0)
}

func testFollowUpVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	lead := &crm.Lead{Name: "x"}
	must(t, s.CreateLead(ctx, lead))
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			if o == nil {
				o = w.admin // a follow-up always has an author: no pool
			}
			f := &crm.FollowUp{Method: crm.FollowCall, At: aTime(0), UserID: o.ID, Refs: []crm.Ref{{Kind: crm.RefLead, ID: lead.ID}}}
			must(t, s.CreateFollowUp(ctx, f))
			return f.ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.FollowUp(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 2, followUpID, func(p crm.Page) (crm.List[*crm.FollowUp], error) {
				return s.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: v, Page: p})
			}), nil
		},
		ownerOf: func(o *crm.User) *crm.User {
			if o == nil {
				return w.admin
			}
			return o
		},
	})
}

func followUpID(f *crm.FollowUp) int64 { return f.ID }

func testFollowUpList(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	lead := &crm.Lead{Name: "x"}
	must(t, s.CreateLead(ctx, lead))
	cust := &crm.Customer{Name: "y"}
	must(t, s.CreateCustomer(ctx, cust))
	mk := func(u *crm.User, r crm.Ref) int64 {
		f := &crm.FollowUp{Method: crm.FollowEmail, At: aTime(0), UserID: u.ID, Refs: []crm.Ref{r}}
		must(t, s.CreateFollowUp(ctx, f))
		return f.ID
	}
	lr, cr := crm.Ref{Kind: crm.RefLead, ID: lead.ID}, crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}
	a, b, c := mk(w.repA1, lr), mk(w.repB, cr), mk(w.repA1, cr)
	list := func(f crm.FollowUpFilter) []int64 {
		f.Viewer = crm.System
		return listIDs(t, 2, followUpID, func(p crm.Page) (crm.List[*crm.FollowUp], error) { f.Page = p; return s.ListFollowUps(ctx, f) })
	}
	same(t, "all", list(crm.FollowUpFilter{}), []int64{c, b, a})
	same(t, "user", list(crm.FollowUpFilter{UserID: ptr(w.repA1.ID)}), []int64{c, a})
	same(t, "ref", list(crm.FollowUpFilter{Ref: &cr}), []int64{c, b})
}
