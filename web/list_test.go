package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportRows GETs an export as who and reads it back: CSV after its
// byte-order mark, XLSX through excelize.
func (p *pager) exportRows(who, path string) [][]string {
	p.t.Helper()
	res, b := p.send(p.withCookie(p.cookie(who), "GET", path, nil))
	if res.StatusCode != http.StatusOK {
		p.t.Fatalf("GET %s as %s: %d\n%s", path, who, res.StatusCode, b)
	}
	if strings.Contains(path, "format=xlsx") {
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			p.t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			p.t.Fatal(err)
		}
		return rows
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		p.t.Fatalf("%s: no byte-order mark", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		p.t.Fatal(err)
	}
	return rows
}

func column(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestListExportAndCountFollowTheViewer: a rep's list total, page export and
// API export hold her own and the pool's customers, never a colleague's;
// the admin's hold all. The export keeps the page's filter and sort.
func TestListExportAndCountFollowTheViewer(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	p.customer("Rep1 Alpha", "rep1")
	p.customer("=Rep1 Formula", "rep1")
	p.customer("Rep2 Beta", "rep2")
	p.customer("Rep3 Gamma", "rep3")
	p.call("admin", "POST", "/api/v1/customers", record{"name": "Pool Delta", "owner_id": nil}, 201, nil)

	contains(t, "rep1's total", p.mustPage("rep1", "/customers?lang=en"), `data-total="3"`, "3 records")
	contains(t, "admin's total", p.mustPage("admin", "/customers?lang=en"), `data-total="5"`)
	contains(t, "rep1's total in Chinese", p.mustPage("rep1", "/customers?lang=zh-CN"), "共 3 条")
	contains(t, "the export links keep the filter", p.mustPage("rep1", "/customers?q=Rep&sort=-name&cursor=9"),
		`href="/customers/export?format=csv&amp;q=Rep&amp;sort=-name"`, `href="/customers/export?format=xlsx&amp;q=Rep&amp;sort=-name"`)

	rows := p.exportRows("rep1", "/customers/export?format=csv&sort=name")
	names := column(rows, 0)
	if want := []string{"'=Rep1 Formula", "Pool Delta", "Rep1 Alpha"}; !slices.Equal(names, want) {
		t.Errorf("rep1's CSV names %q, want %q (sorted, formula-safe, hers and the pool's)", names, want)
	}
	if rows[0][0] != "客户名称" && rows[0][0] != "名称" && rows[0][0] != "Name" {
		t.Logf("heading %q", rows[0][0])
	}
	for _, who := range []string{"rep1", "admin"} {
		for _, path := range []string{"/customers/export?format=xlsx&sort=-name", "/api/v1/customers/export?format=csv&sort=-name"} {
			got := column(p.exportRows(who, path), 0)
			for _, n := range got {
				if who == "rep1" && (strings.Contains(n, "Rep2") || strings.Contains(n, "Rep3")) {
					t.Errorf("%s %s holds %q", who, path, n)
				}
			}
			want := map[string]int{"rep1": 3, "admin": 5}[who]
			if len(got) != want || !slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(b, a) }) {
				t.Errorf("%s %s: %q, want %d names, descending", who, path, got, want)
			}
		}
	}
	// The filter is the page's: a search narrows the export.
	if got := column(p.exportRows("admin", "/customers/export?format=csv&q=Gamma"), 0); !slices.Equal(got, []string{"Rep3 Gamma"}) {
		t.Errorf("filtered export %q", got)
	}
	// Headings follow the page's language.
	en := p.exportRows("rep1", "/api/v1/customers/export?format=csv&lang=en")[0]
	zh := p.exportRows("rep1", "/api/v1/customers/export?format=csv&lang=zh-CN")[0]
	if en[0] == zh[0] {
		t.Errorf("headings the same in both languages: %q", en)
	}
	p.call("rep1", "GET", "/api/v1/customers/export?format=pdf", nil, 400, nil)
	p.call("rep1", "GET", "/api/v1/customers/export?format=csv&sort=notes", nil, 400, nil)
}

// TestListColumnsSortAndSavedFilters: a user's columns are remembered per
// list; a sortable heading sorts; a saved filter is offered to its owner and,
// shared, to the team.
func TestListColumnsSortAndSavedFilters(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	p.customer("Bravo", "rep1")
	p.customer("Alpha", "rep1")
	p.saved("rep1", "/customers/columns", url.Values{"column": {"field.owner_id", "field.name"}, "query": {"q=a"}})
	page := p.mustPage("rep1", "/customers?lang=en&sort=name")
	head := page[strings.Index(page, "<thead>"):strings.Index(page, "</thead>")]
	if strings.Index(head, "Owner") > strings.Index(head, "Name") || strings.Contains(head, "Status") {
		t.Errorf("columns not as chosen: %s", head)
	}
	if strings.Index(page, ">Alpha<") > strings.Index(page, ">Bravo<") {
		t.Error("sort=name does not put Alpha first")
	}
	contains(t, "sorted heading", page, `aria-sort="ascending"`, `href="/customers?sort=-name"`)
	contains(t, "rep2 keeps the defaults", p.mustPage("rep2", "/customers?lang=en"), ">Status<")
	csv := p.exportRows("rep1", "/customers/export?format=csv")
	if len(csv[0]) != 2 {
		t.Errorf("export columns %q, want the chosen two", csv[0])
	}

	p.saved("rep1", "/customers/filters", url.Values{"name": {"私人"}, "query": {"q=Alpha"}})
	p.saved("rep1", "/customers/filters", url.Values{"name": {"Team view"}, "query": {"sort=-name"}, "share": {"1"}})
	contains(t, "rep1's saved", p.mustPage("rep1", "/customers"), "私人", "Team view", `href="/customers?q=Alpha"`)
	teammate := p.mustPage("rep2", "/customers")
	contains(t, "rep2 sees the shared", teammate, "Team view")
	if strings.Contains(teammate, "私人") || strings.Contains(p.mustPage("rep3", "/customers"), "Team view") {
		t.Error("a private filter or another team's shows")
	}
}

// TestListBulkAssignKeepsTheRules: bulk assign goes through the single
// assign's rules: a rep cannot hand records to a colleague, and the pool's
// cap stops a manager's bulk assignment at the cap; bulk status changes
// each ticked record; "all matching" covers the filter.
func TestListBulkAssignKeepsTheRules(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var ids []string
	for i := range 3 {
		var l record
		p.call("admin", "POST", "/api/v1/leads", record{"name": fmt.Sprintf("Bulk %d", i), "owner_id": nil}, 201, &l)
		ids = append(ids, fmt.Sprint(l.id()))
	}
	loc := p.saved("rep1", "/leads/bulk", url.Values{"action": {"assign"}, "owner_id": {fmt.Sprint(p.id("rep2"))},
		"id": ids, "query": {"owner=pool"}})
	if !strings.Contains(loc, "done=0") || !strings.Contains(loc, "failed=3") {
		t.Errorf("rep1 assigns to rep2: %s", loc)
	}
	p.call("admin", "PUT", "/api/v1/pool/limits", record{"lead_cap": 2, "customer_cap": 2}, 200, nil)
	loc = p.saved("manager", "/leads/bulk", url.Values{"action": {"assign"}, "owner_id": {fmt.Sprint(p.id("rep2"))},
		"all": {"1"}, "query": {"owner=pool&q=Bulk"}})
	if !strings.Contains(loc, "done=2") || !strings.Contains(loc, "failed=1") {
		t.Errorf("bulk assign over a cap of 2: %s", loc)
	}
	contains(t, "rep2's leads", p.mustPage("rep2", "/leads?owner=mine&lang=en"), `data-total="2"`)
	p.saved("manager", "/leads/bulk", url.Values{"action": {"status"}, "status": {"contacted"}, "id": ids[:2]})
	contains(t, "status changed", p.mustPage("admin", "/leads?status=contacted"), `data-total="2"`)
	loc = p.saved("rep1", "/leads/bulk", url.Values{"action": {"export"}, "format": {"csv"}, "id": ids[2:]})
	if loc != "/leads/export?format=csv&id="+ids[2] {
		t.Errorf("bulk export goes to %q", loc)
	}
}

// TestLabelsRenameEverywhereAndBulkLabel: a manager adds a label to two
// customers in one bulk action, renames and recolours it on the labels
// page, and both customers (and the export) show the new name; a rep may
// not manage labels.
func TestLabelsRenameEverywhereAndBulkLabel(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	a, b := p.customer("Label A", "rep1"), p.customer("Label B", "rep2")
	p.customer("Label C", "rep1")
	p.saved("manager", "/labels", url.Values{"name": {"重点"}, "color": {"blue"}})
	loc := p.saved("manager", "/customers/bulk", url.Values{"action": {"label"}, "label": {"重点"},
		"id": {fmt.Sprint(a), fmt.Sprint(b)}})
	if !strings.Contains(loc, "done=2") {
		t.Errorf("bulk label: %s", loc)
	}
	var labels []struct {
		ID        int64
		Name      string
		Color     string
		Customers int64
	}
	p.call("manager", "GET", "/api/v1/labels/managed", nil, 200, &labels)
	if len(labels) != 1 || labels[0].Customers != 2 || labels[0].Color != "blue" {
		t.Fatalf("labels %+v", labels)
	}
	page := p.mustPage("manager", "/labels?lang=zh-CN")
	contains(t, "labels page", page, `class="chip label-blue">重点`, "2 个客户")
	p.saved("manager", fmt.Sprintf("/labels/%d", labels[0].ID), url.Values{"name": {"VIP 客户"}, "color": {"red"}})
	for _, id := range []int64{a, b} {
		contains(t, "renamed on the customer", string(p.call("admin", "GET", fmt.Sprintf("/api/v1/customers/%d", id), nil, 200, nil)), `"tags":["VIP 客户"]`)
	}
	rows := p.exportRows("rep1", "/customers/export?format=csv&q=Label")
	last := len(rows[0]) - 1
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r[last]
	}
	if got["Label A"] != "VIP 客户" || got["Label C"] != "" || len(got) != 2 {
		t.Errorf("rep1's export labels %v (rep2's Label B must not show)", got)
	}
	res, _ := p.post("rep1", "/labels", url.Values{"name": {"mine"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a rep creates a label: %d", res.StatusCode)
	}
	res, page = p.post("manager", "/labels", url.Values{"name": {"VIP 客户"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "exists") && !strings.Contains(page, "同名") {
		t.Errorf("a duplicate name: %d", res.StatusCode)
	}
}

// TestAPIExportsMessagesAndFollowUps: the message and follow-up exports
// hold what the caller may see, headed in her language.
func TestAPIExportsMessagesAndFollowUps(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	mine, theirs := p.customer("Mine Co", "rep1"), p.customer("Theirs Co", "rep3")
	for who, id := range map[string]int64{"rep1": mine, "rep3": theirs} {
		p.call(who, "POST", "/api/v1/follow-ups", record{"method": "call", "result": who + " called",
			"refs": []record{{"kind": "customer", "id": id}}}, 201, nil)
	}
	rows := p.exportRows("rep1", "/api/v1/follow-ups/export?format=csv&lang=zh-CN")
	if len(rows) != 2 || rows[0][0] != "时间" || rows[1][3] != "rep1 called" || !strings.Contains(rows[1][7], "Mine Co") {
		t.Errorf("rep1's follow-ups %q", rows)
	}
	if rows := p.exportRows("admin", "/api/v1/follow-ups/export?format=xlsx&lang=en"); len(rows) != 3 || rows[0][0] != "When" {
		t.Errorf("admin's follow-ups %q", rows)
	}
	if rows := p.exportRows("rep1", "/api/v1/messages/export?format=csv"); len(rows) != 1 {
		t.Errorf("messages with none: %q", rows)
	}
}

// TestAPIListsSort: the API's lists take sort as the pages do, and refuse
// a key the list cannot sort by.
func TestAPIListsSort(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	for _, title := range []string{"b task", "c task", "a task"} {
		p.call("rep1", "POST", "/api/v1/tasks", record{"title": title}, 201, nil)
	}
	var l struct{ Items []struct{ Title string } }
	p.call("rep1", "GET", "/api/v1/tasks?sort=-title&limit=2", nil, 200, &l)
	if len(l.Items) != 2 || l.Items[0].Title != "c task" || l.Items[1].Title != "b task" {
		t.Errorf("tasks by title, descending: %+v", l.Items)
	}
	p.call("rep1", "GET", "/api/v1/tasks?sort=due_at", nil, 400, nil)
	p.call("rep1", "GET", "/api/v1/customers?sort=reclaim_at", nil, 200, nil)
}

// TestLeadsBulkLabel: the leads' list labels ticked leads in one action,
// as the customers' does; a rep labels only the leads they may see, the
// label is counted on leads and found by the leads' tag filter, and a
// rename reaches them.
func TestLeadsBulkLabel(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var ids []string
	for i, owner := range []string{"rep1", "rep1", "rep3"} {
		var l record
		p.call("admin", "POST", "/api/v1/leads", record{"name": fmt.Sprintf("Tagged %d", i), "owner_id": p.id(owner)}, 201, &l)
		ids = append(ids, fmt.Sprint(l.id()))
	}
	contains(t, "the leads' bulk bar offers labels", p.mustPage("rep1", "/leads?lang=en"), `name="label"`)
	loc := p.saved("rep1", "/leads/bulk", url.Values{"action": {"label"}, "label": {"展会"}, "id": ids})
	if !strings.Contains(loc, "done=2") || !strings.Contains(loc, "failed=1") {
		t.Errorf("rep1 labels two of hers and rep3's: %s", loc)
	}
	var labels []struct {
		ID    int64
		Name  string
		Leads int64
	}
	p.call("manager", "GET", "/api/v1/labels/managed", nil, 200, &labels)
	if len(labels) != 1 || labels[0].Name != "展会" || labels[0].Leads != 2 {
		t.Fatalf("labels %+v", labels)
	}
	var found struct {
		Items []struct {
			Name string   `json:"name"`
			Tags []string `json:"tags"`
		} `json:"items"`
	}
	p.call("admin", "GET", "/api/v1/leads?tag="+url.QueryEscape("展会"), nil, 200, &found)
	if len(found.Items) != 2 {
		t.Fatalf("leads labelled 展会: %+v", found.Items)
	}
	// The list page filters by label too: its select offers the company's
	// labels, and a rep sees only her own labelled leads.
	page := p.mustPage("rep1", "/leads?lang=en&tag="+url.QueryEscape("展会"))
	contains(t, "the label filter", page, `<select name="tag">`)
	contains(t, "the chosen label", page, `<option value="展会" selected>`)
	contains(t, "rep1's labelled lead", page, "Tagged 0")
	if strings.Contains(page, "Tagged 2") {
		t.Error("rep1's label filter shows rep3's lead")
	}
	if all := p.mustPage("admin", "/leads?lang=en&tag="+url.QueryEscape("展会")); !strings.Contains(all, "Tagged 1") ||
		strings.Contains(all, "Tagged 2") {
		t.Error("the admin's label filter: want the two labelled leads, not the unlabelled one")
	}
	p.saved("manager", fmt.Sprintf("/labels/%d", labels[0].ID), url.Values{"name": {"展会 2026"}, "color": {"green"}})
	contains(t, "renamed on the lead", string(p.call("rep1", "GET", "/api/v1/leads/"+ids[0], nil, 200, nil)), `"tags":["展会 2026"]`)
	contains(t, "rep3's lead keeps none", string(p.call("admin", "GET", "/api/v1/leads/"+ids[2], nil, 200, nil)), `"tags":[]`)
}
