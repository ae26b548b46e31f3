package webform_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
)

func TestInvalidSubmissions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		values url.Values
		fields map[string]string
	}{
		{"required missing", url.Values{"email": {"a@b.example"}}, map[string]string{"full_name": "is required"}},
		{"bad email and phone", url.Values{"full_name": {"A"}, "email": {"not-an-address"}, "mobile": {"12"}},
			map[string]string{"email": "is not a valid email address", "mobile": "is not a valid phone number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			ct, body := urlencoded(tt.values)
			var got struct {
				Code    string            `json:"code"`
				Message string            `json:"message"`
				Fields  map[string]string `json:"fields"`
			}
			b := wantStatus(t, h.post(ct, body, "Accept: application/json"), http.StatusBadRequest)
			if err := json.Unmarshal([]byte(b), &got); err != nil || got.Code != crm.EINVALID || got.Message == "" {
				t.Fatalf("body = %s, want code invalid", b)
			}
			for k, v := range tt.fields {
				if got.Fields[k] != v {
					t.Errorf("fields = %v, want %s: %q", got.Fields, k, v)
				}
			}
			if len(h.leads()) != 0 || len(h.ing.all()) != 0 {
				t.Fatal("an invalid form must store nothing")
			}
		})
	}
}

func TestInvalidHTMLPostShowsPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	ct, body := urlencoded(url.Values{"email": {"bad"}, "company": {"华强 <b>电子</b>"}, "_lang": {"zh-CN"}})
	b := wantStatus(t, h.post(ct, body, "Sec-Fetch-Mode: navigate"), http.StatusBadRequest)
	for _, want := range []string{`id="err-full_name"`, "此项为必填项。", "请输入有效的邮箱地址。",
		`value="华强 &lt;b&gt;电子&lt;/b&gt;"`, `lang="zh-CN"`} {
		if !strings.Contains(b, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestEmptyHTMLPostSaysWhy(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(_ *webform.Config, f *crm.Form) {
		f.Fields = []crm.FormField{{Name: "note", MapTo: crm.FieldMessage}}
	})
	ct, body := urlencoded(url.Values{"_lang": {"en"}})
	b := wantStatus(t, h.post(ct, body, "Sec-Fetch-Mode: navigate"), http.StatusBadRequest)
	if !strings.Contains(b, "Please fill in at least your name") || !strings.Contains(b, `name="note"`) {
		t.Fatalf("page = %s, want the form-wide message and the form's input", b)
	}
}

func TestResubmissionIsOneMessage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	for range 2 {
		ct, body := urlencoded(aSubmission("twice@huaqiang.example"))
		wantStatus(t, h.post(ct, body), http.StatusOK)
	}
	rs := h.ing.all()
	if len(rs) != 2 || rs[0].Duplicate || !rs[1].Duplicate || rs[1].MessageID != rs[0].MessageID {
		t.Fatalf("results = %+v, want the second a duplicate of the first", rs)
	}
	if n := len(h.leads()); n != 1 {
		t.Fatalf("leads = %d, want 1", n)
	}
}

// A second, different submission by the same person minutes later is a
// new message, linked by the matcher's duplicate check to the first lead.
func TestSecondSubmissionLinksFirstLead(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, key, second string }{
		{"same email", "email", "wang@huaqiang.example"},
		{"same phone, written otherwise", "mobile", "+86 138-0013-8000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			first := url.Values{"full_name": {"王伟"}, "email": {"wang@huaqiang.example"}, "mobile": {"13800138000"}, "msg": {"价格？"}}
			ct, body := urlencoded(first)
			wantStatus(t, h.post(ct, body), http.StatusOK)
			h.clock.Add(3 * time.Minute)
			second := url.Values{"full_name": {"王伟"}, "msg": {"还有交期？"}, tt.key: {tt.second}}
			ct, body = urlencoded(second)
			wantStatus(t, h.post(ct, body), http.StatusOK)
			rs := h.ing.all()
			if len(rs) != 2 || rs[1].Duplicate || rs[1].NewLead || rs[1].LeadID != rs[0].LeadID || rs[0].LeadID == 0 {
				t.Fatalf("results = %+v, want the second linked to the first's lead", rs)
			}
			if n := len(h.leads()); n != 1 {
				t.Fatalf("leads = %d, want 1", n)
			}
		})
	}
}

func TestKnownContactLinked(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	c := &crm.Contact{Name: "Zhang", Emails: []string{"zhang@customer.example"}, Phones: []string{"+8613900139000"}}
	if err := h.db.CreateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, v := range []url.Values{
		{"full_name": {"Zhang"}, "email": {"ZHANG@customer.example"}, "msg": {"hi"}},
		{"full_name": {"Zhang"}, "mobile": {"139 0013 9000"}, "msg": {"again"}},
	} {
		ct, body := urlencoded(v)
		wantStatus(t, h.post(ct, body), http.StatusOK)
	}
	for _, r := range h.ing.all() {
		if r.ContactID != c.ID || r.NewLead || r.LeadID != 0 {
			t.Fatalf("result = %+v, want linked to contact %d, no lead", r, c.ID)
		}
	}
	if n := len(h.leads()); n != 0 {
		t.Fatalf("leads = %d, want none for a known contact", n)
	}
}

func TestTeamAssignsNewLead(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	team := &crm.Team{Name: "Web"}
	if err := h.db.CreateTeam(ctx, team); err != nil {
		t.Fatal(err)
	}
	rep := &crm.User{Email: "rep@rapport.example", Name: "Rep", Role: crm.RoleRep, TeamID: &team.ID}
	if err := h.db.CreateUser(ctx, rep); err != nil {
		t.Fatal(err)
	}
	if err := h.db.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: team.ID, LeadCap: 5}); err != nil {
		t.Fatal(err)
	}
	h.form.TeamID = &team.ID
	if err := h.db.UpdateForm(ctx, h.form); err != nil {
		t.Fatal(err)
	}
	h.clock.Add(time.Minute) // past the handler's cache of the form
	ct, body := urlencoded(aSubmission("team@x.example"))
	wantStatus(t, h.post(ct, body), http.StatusOK)
	ls := h.leads()
	if len(ls) != 1 || ls[0].OwnerID == nil || *ls[0].OwnerID != rep.ID {
		t.Fatalf("lead owner = %v, want rep %d", ls[0].OwnerID, rep.ID)
	}
}
