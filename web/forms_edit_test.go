package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// formsPager is a pager over a server with web forms on.
func formsPager(t *testing.T) *pager {
	p := newPager(t)
	formsServer(t, p.env, false)
	return p
}

// newFormValues is the editor filled in for a new form: two mapped rows,
// one custom required row, and a blank row as the page offers it.
func newFormValues(team int64) url.Values {
	return url.Values{
		"name": {"官网咨询"}, "allowed_origins": {"https://www.example.com\nhttps://Example.com/"},
		"redirect_url": {""}, "team_id": {strconv.FormatInt(team, 10)}, "tags": {"website, 展会"},
		"fields.0.name": {"who"}, "fields.0.label": {"姓名"}, "fields.0.map_to": {"name"}, "fields.0.required": {"true"},
		"fields.1.name": {""}, "fields.1.label": {""}, "fields.1.map_to": {"email"},
		"fields.2.name": {""}, "fields.2.label": {""}, "fields.2.map_to": {""},
		"fields.3.name": {"budget"}, "fields.3.label": {"预算"}, "fields.3.map_to": {""}, "fields.3.required": {"true"},
		"confirmation.mailbox": {""}, "confirmation.subject": {""}, "confirmation.text": {""},
	}
}

func TestFormEditorCreatesAndEdits(t *testing.T) {
	t.Parallel()
	p := formsPager(t)
	page := p.mustPage("admin", "/forms/new?lang=zh-CN")
	contains(t, "the new form's editor", page, "新建表单", `name="fields.0.name" value="name"`, `name="fields.1.name" value="email"`,
		"自定义字段", "默认团队或公海", `action="/forms"`, "确认邮件（可选）")
	loc, id := p.savedID("admin", "/forms", newFormValues(p.teamA))
	f, err := p.db.Form(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	want := []crm.FormField{{Name: "who", Label: "姓名", MapTo: "name", Required: true}, {Name: "email", MapTo: "email"},
		{Name: "budget", Label: "预算", Required: true}}
	if !slices.Equal(f.Fields, want) || f.TeamID == nil || *f.TeamID != p.teamA || f.Confirmation != nil ||
		!slices.Equal(f.AllowedOrigins, []string{"https://www.example.com", "https://example.com"}) || len(f.Tags) != 2 {
		t.Fatalf("stored %+v (fields %+v)", f, f.Fields)
	}
	page = p.mustPage("admin", loc)
	contains(t, "the saved form's editor", page, "Saved.", "https://crm.example.com/f/"+f.Key, "&lt;form action=",
		`name="fields.2.name" value="budget"`, `data-copy="snippet"`, "/forms/"+strconv.FormatInt(id, 10)+"/delete")

	edit := newFormValues(p.teamA)
	edit.Set("fields.3.label", "Budget (CNY)")
	edit.Set("fields.0.name", "") // a row cleared is removed
	edit.Set("fields.0.label", "")
	edit.Set("fields.0.map_to", "")
	edit.Set("team_id", "")
	p.saved("admin", loc[:strings.Index(loc, "?")], edit)
	g, err := p.db.Form(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if g.Key != f.Key || len(g.Fields) != 2 || g.Fields[1].Label != "Budget (CNY)" || g.TeamID != nil {
		t.Fatalf("after the edit: %+v, fields %+v", g, g.Fields)
	}
}

// A refused form comes back as typed, each problem beside its input, and
// the rows' problems beside the row the API named.
func TestFormEditorShowsProblems(t *testing.T) {
	t.Parallel()
	p := formsPager(t)
	v := newFormValues(p.teamA)
	v.Set("allowed_origins", "ftp://files.example.com")
	v.Set("fields.3.map_to", "email") // the second row maps to email already
	v.Set("confirmation.subject", "谢谢")
	res, page := p.post("admin", "/forms?lang=zh-CN", v)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400:\n%s", res.StatusCode, page)
	}
	contains(t, "the refused form", page, "请修改标出的字段", "ftp://files.example.com 不是网站地址，应形如 https://www.example.com", `id="e-allowed_origins"`,
		`name="fields.2.name" value="budget"`, "与其他行对应了同一个字段", `id="e-confirmation.mailbox"`, "必填",
		`value="谢谢"`)
	if n, _ := p.db.ListForms(t.Context()); len(n) != 0 {
		t.Fatalf("a refused form was stored: %+v", n)
	}
}

func TestFormEditorAdminOnlyAndSameOrigin(t *testing.T) {
	t.Parallel()
	p := formsPager(t)
	f := &crm.Form{Name: "Contact"}
	if err := p.db.CreateForm(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/forms/%d", f.ID)
	for _, get := range []string{"/forms", "/forms/new", path} {
		if st, _ := p.page("rep1", get); st != http.StatusForbidden {
			t.Errorf("GET %s as a rep: %d", get, st)
		}
	}
	if res, _ := p.post("rep1", path+"/delete", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a rep deleted a form: %d", res.StatusCode)
	}
	if page := p.mustPage("rep1", "/customers"); strings.Contains(page, `href="/forms"`) {
		t.Error("a rep's navigation links to /forms")
	}
	if page := p.mustPage("admin", "/customers"); !strings.Contains(page, `href="/forms"`) {
		t.Error("an admin's navigation lacks /forms")
	}
	req := p.withCookie(p.cookie("admin"), "POST", path+"/delete", "")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, _ := p.send(req); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a cross-site delete: %d", res.StatusCode)
	}
	if loc := p.saved("admin", path+"/delete", url.Values{}); loc != "/forms?deleted=1" {
		t.Fatalf("after deleting: %q", loc)
	}
	if _, err := p.db.Form(t.Context(), f.ID); crm.ErrorCode(err) != crm.ENOTFOUND {
		t.Fatalf("the form is still there: %v", err)
	}
	contains(t, "the list after deleting", p.mustPage("admin", "/forms?deleted=1&lang=en"), "The form was deleted.")
}
