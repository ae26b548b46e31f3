package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/web"
)

// TestReportsPickersAndImportsKeepTeamsApart calls the routes added with
// reports, pickers, record hubs, imports, satisfaction and the bot's
// generative answers as rep3 (team B) against team A's records: each must
// refuse (403 for admin or manager work, 404 for a record not theirs) or
// leave team A's data out. Where rep1, the owner, sees the record through
// the same route, that is checked first, so an empty answer cannot pass.
func TestReportsPickersAndImportsKeepTeamsApart(t *testing.T) {
	e, _ := withSatisfaction(t, "Asia/Shanghai")
	ctx := context.Background()
	imports := importer.New(importer.Config{Store: e.db, Now: e.app.Now, Holder: "web-test"})
	e.serve(web.Config{}, web.Deps{Importer: imports, Satisfaction: e.db, CareStore: e.db, Reminders: e.db})
	rep1 := ptr(e.id("rep1"))
	cust := &crm.Customer{Name: "Secretco Trading", OwnerID: rep1}
	mustDo(t, e.db.CreateCustomer(ctx, cust))
	dealer := &crm.Customer{Name: "Secret Dealer Co", Kind: crm.KindDealer, OwnerID: rep1}
	mustDo(t, e.db.CreateCustomer(ctx, dealer))
	k := &crm.Contact{Name: "Zhang Secret", OwnerID: rep1, CustomerID: &cust.ID}
	mustDo(t, e.db.CreateContact(ctx, k))
	lead := &crm.Lead{Name: "Secret Lead", Company: "Secret Lead Works", OwnerID: rep1}
	mustDo(t, e.db.CreateLead(ctx, lead))
	today := crm.DateOf(e.clock.Now())
	order := &crm.Order{Number: "SECRET-1", CustomerID: cust.ID, DealerID: &dealer.ID, Amount: 8888800,
		Currency: "CNY", Status: crm.OrderActive, OrderDate: &today, OwnerID: rep1}
	mustDo(t, e.db.CreateOrder(ctx, order))

	refused := []struct {
		method, path string
		body         any
		status       int
	}{
		{"GET", "/api/v1/audit", nil, http.StatusForbidden},
		{"GET", "/api/v1/audit/queue", nil, http.StatusForbidden},
		{"GET", "/api/v1/imports", nil, http.StatusForbidden},
		{"GET", "/imports", nil, http.StatusForbidden},
		{"GET", "/api/v1/bot/generative", nil, http.StatusForbidden},
		{"PUT", "/api/v1/bot/generative", map[string]any{"enabled": true}, http.StatusForbidden},
		{"PUT", "/api/v1/satisfaction/settings", map[string]any{"enabled": true}, http.StatusForbidden},
		{"POST", "/api/v1/products", map[string]any{"sku": "X-1", "name": "x"}, http.StatusForbidden},
		{"POST", fmt.Sprintf("/api/v1/leads/%d/convert", lead.ID), map[string]any{"confirm": true}, http.StatusNotFound},
		{"POST", fmt.Sprintf("/api/v1/customers/%d/move-open", cust.ID), map[string]any{"from_owner_id": *rep1}, http.StatusNotFound},
		{"GET", fmt.Sprintf("/api/v1/dealers/%d", dealer.ID), nil, http.StatusNotFound},
		{"GET", fmt.Sprintf("/api/v1/customers/%d/surveys", cust.ID), nil, http.StatusNotFound},
		{"GET", fmt.Sprintf("/api/v1/reports/sales?user_id=%d", *rep1), nil, http.StatusForbidden},
		{"GET", fmt.Sprintf("/api/v1/reports/sales?team_id=%d", e.teamA), nil, http.StatusForbidden},
	}
	for _, c := range refused {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			res, b := e.send(e.request("rep3", c.method, c.path, c.body))
			if res.StatusCode != c.status {
				t.Errorf("rep3: status %d, want %d; body %s", res.StatusCode, c.status, b)
			}
			if strings.Contains(strings.ToLower(string(b)), "secret") {
				t.Errorf("rep3's refusal shows team A's record: %s", b)
			}
		})
	}

	filtered := []struct {
		path  string
		shown bool // rep1 sees the secret here
	}{
		{"/api/v1/pick/customers?q=Secretco", true},
		{"/api/v1/pick/contacts?q=Zhang", true},
		{"/api/v1/pick/leads?q=Secret", true},
		{"/api/v1/pick/orders?q=SECRET", true},
		{"/api/v1/dealers", true},
		{"/api/v1/reports/sales?by=customer&period=this_year", true},
		{"/api/v1/reports/sales?by=dealer&period=this_year", true},
		{"/api/v1/reports/sales/export?by=customer&period=this_year&format=csv", true},
		{"/api/v1/reports/receivables?by=customer&period=this_year", false},
		{"/api/v1/reports/workload?period=this_year", false},
		{"/api/v1/reports/funnel?period=this_year", false},
		{"/api/v1/satisfaction/totals", false},
		{"/dashboard", false},
	}
	for _, c := range filtered {
		t.Run("rep3 GET "+c.path, func(t *testing.T) {
			if c.shown {
				_, b := e.send(e.request("rep1", "GET", c.path, nil))
				if !strings.Contains(strings.ToLower(string(b)), "secret") && !strings.Contains(string(b), "88888") {
					t.Errorf("rep1 does not see their own record here: %s", b)
				}
			}
			res, b := e.send(e.request("rep3", "GET", c.path, nil))
			if res.StatusCode >= 300 {
				t.Fatalf("status %d; body %s", res.StatusCode, b)
			}
			for _, secret := range []string{"secret", "88888", "88,888"} {
				if strings.Contains(strings.ToLower(string(b)), secret) {
					t.Errorf("rep3 sees team A's %q: %s", secret, b)
				}
			}
		})
	}
}
