package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCustomerPageLogsFollowUpsAndTasks(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	cust := p.customer("Huaqiang", "rep1")
	page := fmt.Sprintf("/customers/%d", cust)
	ref := fmt.Sprintf("customer:%d", cust)
	contains(t, "customer page", p.mustPage("rep1", page+"?lang=en"), "Customer 360°", `action="/follow-ups"`,
		`action="/tasks"`, `name="refs" value="`+ref+`"`, `name="next" value="`+page+`"`)
	steps := []struct {
		path string
		form url.Values
		show string
	}{
		{"/follow-ups", url.Values{"method": {"visit"}, "details": {"Met the buyer"}, "next_step": {"Quote"}}, "Met the buyer"},
		{"/tasks", url.Values{"title": {"Send the quote"}, "due_at": {"2026-03-04T09:00"}}, "Send the quote"},
	}
	for _, st := range steps {
		st.form.Set("next", page)
		st.form.Add("refs", ref)
		if loc := p.saved("rep1", st.path, st.form); loc != page {
			t.Errorf("POST %s: back to %q, want %q", st.path, loc, page)
		}
		contains(t, "customer page after "+st.path, p.mustPage("rep1", page), st.show)
	}
	// A refused panel form comes back as a full form that still returns.
	res, form := p.post("rep1", "/follow-ups", url.Values{"details": {"no method"}, "refs": {ref}, "next": {page}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("follow-up without a method: status %d", res.StatusCode)
	}
	contains(t, "refused follow-up", form, `id="e-method"`, `name="next" value="`+page+`"`, "no method")
	// Filing against a record one may not see is refused.
	res, _ = p.post("rep3", "/tasks", url.Values{"title": {"Spy"}, "refs": {ref}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("rep3 files a task on rep1's customer: status %d, want 400", res.StatusCode)
	}
}

func TestCustomerPageLinksToNewRecords(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	cust := p.customer("Huaqiang", "rep1")
	page := p.mustPage("rep1", fmt.Sprintf("/customers/%d", cust))
	for _, link := range []string{
		fmt.Sprintf("/contacts/new?customer_id=%d&next=%%2Fcustomers%%2F%d", cust, cust),
		fmt.Sprintf("/orders/new?customer_id=%d&next=%%2Fcustomers%%2F%d", cust, cust),
		fmt.Sprintf("/tasks/new?refs=customer:%d&next=%%2Fcustomers%%2F%d", cust, cust),
	} {
		contains(t, "customer page", page, `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
		contains(t, "form "+link, p.mustPage("rep1", link), fmt.Sprintf(`value="/customers/%d"`, cust))
	}
	task := p.mustPage("rep1", fmt.Sprintf("/tasks/new?refs=customer:%d", cust))
	contains(t, "task form", task, fmt.Sprintf(`name="refs" value="customer:%d"`, cust), "Huaqiang")
}
