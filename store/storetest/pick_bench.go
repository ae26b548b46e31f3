package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// PickQueries are what a rep types into the customer picker: a common
// fragment, a nearly unique one, a name part and one that matches nothing
// (the worst case: every row is looked at).
var PickQueries = []string{"客户", "客户4242", "电子有限", "不存在的公司"}

// pickShortMiss is the picker's worst case, timed apart: two characters
// (too few for trigrams) that match nothing, so every row is read.
const pickShortMiss = "张伟"

// BenchPick times the customer picker's search (PickCustomers with ten
// answers, as web's GET /api/v1/pick/customers asks it) as a rep and as an
// admin over a store seeded like BenchOpener, and reports the 95th
// percentile.
func BenchPick(b *testing.B, s crm.Store) {
	for _, v := range []struct {
		name string
		v    crm.Viewer
	}{{"rep", crm.Viewer{UserID: 3, Role: crm.RoleRep}}, {"admin", crm.System}} {
		for _, q := range append([]string{"all", pickShortMiss}, PickQueries...) {
			b.Run(v.name+"/"+q, func(b *testing.B) {
				var ds []time.Duration
				for i := 0; b.Loop(); i++ {
					typed := q
					if q == "all" {
						typed = PickQueries[i%len(PickQueries)]
					}
					start := time.Now()
					_, err := s.(crm.CustomerPicker).PickCustomers(ctx, v.v, typed, 10)
					ds = append(ds, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
				}
				slices.Sort(ds)
				b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
			})
		}
	}
}

// RunPick checks the customer picker: any part of a name, in any case
// for Latin letters, through the index and without it (short queries),
// only customers the viewer may see, and a renamed customer found by its
// new name only.
func RunPick(t *testing.T, open Opener) {
	s := open(t)
	p, ok := s.(crm.CustomerPicker)
	if !ok {
		t.Fatalf("%T has no PickCustomers", s)
	}
	w := newWorld(t, s)
	hq := &crm.Customer{Name: "深圳市华强电子有限公司", OwnerID: ownerID(w.repA1)}
	tr := &crm.Customer{Name: "华强贸易", OwnerID: ownerID(w.repB)}
	acme := &crm.Customer{Name: "Acme Trading Ltd", ShortName: "ACMEX"}
	for _, c := range []*crm.Customer{hq, tr, acme} {
		must(t, s.CreateCustomer(ctx, c))
	}
	names := func(v crm.Viewer, q string) string {
		cs, err := p.PickCustomers(ctx, v, q, 10)
		must(t, err)
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		v       crm.Viewer
		q, want string
	}{
		{crm.System, "华强电子", hq.Name},
		{crm.System, "华强", tr.Name + "," + hq.Name},
		{w.repA1.Viewer(), "华强", hq.Name},
		{w.repB.Viewer(), "华强电子", ""},
		{w.repB.Viewer(), "acme trading", acme.Name},
		{crm.System, "cmex", acme.Name},
		{crm.System, "不存在的公司", ""},
	}
	for _, tt := range tests {
		if got := names(tt.v, tt.q); got != tt.want {
			t.Errorf("%d %q: %q, want %q", tt.v.UserID, tt.q, got, tt.want)
		}
	}
	tr.Name = "宁波模具厂"
	must(t, s.UpdateCustomer(ctx, crm.System, tr))
	if got := names(crm.System, "华强贸易"); got != "" {
		t.Errorf("old name still found: %q", got)
	}
	if got := names(crm.System, "模具厂"); got != tr.Name {
		t.Errorf("new name: %q", got)
	}
}
