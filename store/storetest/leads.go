package storetest

import (
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var leadTests = []storeTest{
	{"Lead/RoundTrip", testLeadRoundTrip},
	{"Lead/Invalid", testLeadInvalid},
	{"Lead/Visibility", testLeadVisibility},
	{"Lead/ListAndSearch", testLeadList},
	{"Lead/Claim", testLeadClaim},
	{"Lead/ClaimRace", testLeadClaimRace},
}

func fullLead() *crm.Lead {
	return &crm.Lead{Name: "陈小姐", Company: "广州白云贸易有限公司", Title: "老板", Phone: "020 8888 6666",
		Email: "Chen@BaiYun.example", Status: crm.LeadContacted, Notes: "询价 LED 灯带",
		Source: crm.LeadSource{Channel: "webform", Form: "contact", Campaign: "春季", UTMSource: "baidu",
			UTMMedium: "cpc", UTMCampaign: "led", UTMTerm: "灯带", UTMContent: "a", PageURL: "https://x.example/?q=灯",
			Referrer: "https://www.baidu.com/"},
		Custom: map[string]string{"预算": "10 万", "quantity": "500"}}
}

func testLeadRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	l := fullLead()
	l.OwnerID = ptr(w.repA1.ID)
	must(t, s.CreateLead(ctx, l))
	if l.Phone != "+862088886666" || l.Email != "chen@baiyun.example" || l.ID == 0 {
		t.Fatalf("after create: %+v", l)
	}
	got, err := s.Lead(ctx, w.repA1.Viewer(), l.ID)
	must(t, err)
	same(t, "lead", got, l)
	l.Name, l.Custom, l.Status, l.Source = "Ms Chen", nil, crm.LeadQualified, crm.LeadSource{}
	must(t, s.UpdateLead(ctx, w.mgrA.Viewer(), l))
	same(t, "default channel", l.Source.Channel, "manual")
	got, err = s.Lead(ctx, crm.System, l.ID)
	must(t, err)
	same(t, "after update", got, l)
	_, err = s.Lead(ctx, crm.System, l.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateLead(ctx, crm.System, &crm.Lead{ID: l.ID + 1, Name: "x"}), crm.ENOTFOUND)
}

func testLeadInvalid(t *testing.T, s crm.Store) {
	wantFields(t, s.CreateLead(ctx, &crm.Lead{}), "name")
	wantFields(t, s.CreateLead(ctx, &crm.Lead{Name: "x", Email: "bad", Phone: "123", Status: "hot"}), "email", "phone", "status")
	wantFields(t, s.CreateLead(ctx, &crm.Lead{Name: "x", OwnerID: ptr(int64(77))}), "owner_id")
	l := &crm.Lead{Email: "only@mail.example"}
	must(t, s.CreateLead(ctx, l))
	l.Email = "still bad"
	wantFields(t, s.UpdateLead(ctx, crm.System, l), "email")
	got, err := s.Lead(ctx, crm.System, l.ID)
	must(t, err)
	same(t, "email after failed update", got.Email, "only@mail.example")
}

func testLeadVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			l := &crm.Lead{Name: "线索", OwnerID: ownerID(o)}
			must(t, s.CreateLead(ctx, l))
			return l.ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.Lead(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 4, leadID, func(p crm.Page) (crm.List[*crm.Lead], error) {
				return s.ListLeads(ctx, crm.LeadFilter{Viewer: v, Page: p})
			}), nil
		},
	})
}

func leadID(l *crm.Lead) int64 { return l.ID }

func testLeadList(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	mk := func(l *crm.Lead) int64 { must(t, s.CreateLead(ctx, l)); return l.ID }
	a := mk(&crm.Lead{Company: "深圳市华强电子有限公司", Source: crm.LeadSource{Channel: "wechat"}})
	b := mk(&crm.Lead{Name: "Bob Lee", Email: "bob@lee.example", Status: crm.LeadLost, OwnerID: ptr(w.repA1.ID)})
	c := mk(&crm.Lead{Phone: "13700001111", Source: crm.LeadSource{Channel: "webform"}})
	list := func(f crm.LeadFilter) []int64 {
		f.Viewer = crm.System
		return listIDs(t, 2, leadID, func(p crm.Page) (crm.List[*crm.Lead], error) { f.Page = p; return s.ListLeads(ctx, f) })
	}
	same(t, "all", list(crm.LeadFilter{}), []int64{c, b, a})
	same(t, "status", list(crm.LeadFilter{Status: crm.LeadLost}), []int64{b})
	same(t, "channel", list(crm.LeadFilter{Channel: "webform"}), []int64{c})
	same(t, "owner", list(crm.LeadFilter{OwnerID: ptr(w.repA1.ID)}), []int64{b})
	same(t, "pool", list(crm.LeadFilter{InPool: true}), []int64{c, a})
	for q, want := range map[string][]int64{"华强": {a}, "bob": {b}, "LEE.EXAMPLE": {b}, "0000111": {c}, "无": nil} {
		same(t, "search "+q, list(crm.LeadFilter{Query: q}), want)
	}
}

func testLeadClaim(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	l := &crm.Lead{Name: "公海线索"}
	must(t, s.CreateLead(ctx, l))
	got, err := s.ClaimLead(ctx, w.repA1.Viewer(), l.ID)
	must(t, err)
	if got.OwnerID == nil || *got.OwnerID != w.repA1.ID || got.ClaimedAt == nil {
		t.Fatalf("after claim: %+v", got)
	}
	again, err := s.Lead(ctx, w.repA1.Viewer(), l.ID)
	must(t, err)
	same(t, "claimed lead", again, got)
	_, err = s.ClaimLead(ctx, w.repB.Viewer(), l.ID)
	wantCode(t, err, crm.ECONFLICT)
	_, err = s.ClaimLead(ctx, w.repA1.Viewer(), l.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.ClaimLead(ctx, crm.System, l.ID)
	wantCode(t, err, crm.EINVALID)
}

// Two (here eight) reps claim the same pool lead at once: exactly one wins,
// every other gets ECONFLICT, and the lead is the winner's.
func testLeadClaimRace(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	reps := []*crm.User{w.repA1, w.repA2, w.repB, w.mgrA, w.mgrB}
	for round := range 4 {
		l := &crm.Lead{Name: "抢单"}
		must(t, s.CreateLead(ctx, l))
		var wg sync.WaitGroup
		errs := make([]error, len(reps))
		for i, u := range reps {
			wg.Go(func() { _, errs[i] = s.ClaimLead(ctx, u.Viewer(), l.ID) })
		}
		wg.Wait()
		var winner *crm.User
		for i, err := range errs {
			switch crm.ErrorCode(err) {
			case "":
				if winner != nil {
					t.Fatalf("round %d: %s and %s both claimed the lead", round, winner.Email, reps[i].Email)
				}
				winner = reps[i]
			case crm.ECONFLICT:
			default:
				t.Fatalf("round %d: %s: %v, want ECONFLICT", round, reps[i].Email, err)
			}
		}
		if winner == nil {
			t.Fatalf("round %d: nobody claimed the lead", round)
		}
		got, err := s.Lead(ctx, crm.System, l.ID)
		must(t, err)
		same(t, "owner", *got.OwnerID, winner.ID)
	}
}
