package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// RunForms is the web-form definitions' conformance suite.
func RunForms(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s crm.Store, fs crm.FormStore)
	}{
		{"RoundTrip", testFormRoundTrip},
		{"UpdateKeepsKey", testFormUpdate},
		{"Invalid", testFormInvalid},
		{"NotFound", testFormNotFound},
		{"ListAndDelete", testFormListDelete},
	}
	for _, tt := range tests {
		t.Run("Forms/"+tt.name, func(t *testing.T) {
			s := open(t)
			fs, ok := s.(crm.FormStore)
			if !ok {
				t.Fatalf("%T is not a crm.FormStore", s)
			}
			tt.fn(t, s, fs)
		})
	}
}

func aForm(teamID *int64) *crm.Form {
	return &crm.Form{Name: "官网咨询 Contact us", TeamID: teamID, Tags: []string{"website", " website", "展会"},
		Fields: []crm.FormField{
			{Name: "your-name", MapTo: crm.FieldName, Label: "姓名", Required: true},
			{Name: "tel", MapTo: crm.FieldPhone},
			{Name: "email", MapTo: crm.FieldEmail},
			{Name: "budget", Label: "Budget"},
		},
		AllowedOrigins: []string{"https://WWW.Example.com/", "http://127.0.0.1:8080"},
		RedirectURL:    "https://www.example.com/thanks",
		Confirmation:   &crm.FormConfirmation{Mailbox: "1", Subject: "收到 Thanks", Text: "We will call you."},
	}
}

func testFormRoundTrip(t *testing.T, s crm.Store, fs crm.FormStore) {
	w := newWorld(t, s)
	f := aForm(&w.teamA.ID)
	must(t, fs.CreateForm(ctx, f))
	if f.ID == 0 || len(f.Key) < 22 || f.CreatedAt.IsZero() {
		t.Fatalf("created form = %+v, want an id, a long key and times", f)
	}
	same(t, "normalized origins", f.AllowedOrigins, []string{"https://www.example.com", "http://127.0.0.1:8080"})
	same(t, "tags", f.Tags, []string{"website", "展会"})
	got, err := fs.FormByKey(ctx, f.Key)
	must(t, err)
	same(t, "form by key", got, f)
	byID, err := fs.Form(ctx, f.ID)
	must(t, err)
	same(t, "form by id", byID, f)
	other := aForm(nil)
	must(t, fs.CreateForm(ctx, other))
	if other.Key == f.Key {
		t.Fatalf("two forms share the key %q", f.Key)
	}
}

func testFormUpdate(t *testing.T, _ crm.Store, fs crm.FormStore) {
	f := aForm(nil)
	must(t, fs.CreateForm(ctx, f))
	key := f.Key
	f.Key, f.Name, f.Confirmation, f.RedirectURL = "chosen-by-client", "Renamed", nil, ""
	must(t, fs.UpdateForm(ctx, f))
	got, err := fs.Form(ctx, f.ID)
	must(t, err)
	if got.Key != key || got.Name != "Renamed" || got.Confirmation != nil || got.RedirectURL != "" {
		t.Fatalf("updated form = %+v, want key %q kept, name, confirmation and redirect changed", got, key)
	}
}

func testFormInvalid(t *testing.T, _ crm.Store, fs crm.FormStore) {
	f := aForm(nil)
	f.Name = " "
	f.AllowedOrigins = []string{"https://www.example.com/contact"}
	f.RedirectURL = "javascript:alert(1)"
	f.Fields = append(f.Fields, crm.FormField{Name: "tel", MapTo: crm.FieldPhone}, crm.FormField{Name: "x", MapTo: "salary"})
	f.Confirmation.Subject = ""
	err := fs.CreateForm(ctx, f)
	wantFields(t, err, "name", "allowed_origins", "redirect_url", "fields.4.name", "fields.4.map_to",
		"fields.5.map_to", "confirmation.subject")
	list, err := fs.ListForms(ctx)
	must(t, err)
	same(t, "forms after a refused create", len(list), 0)
	wantCode(t, fs.CreateForm(ctx, &crm.Form{Name: "x", TeamID: ptr(int64(999))}), crm.EINVALID)
}

func testFormNotFound(t *testing.T, _ crm.Store, fs crm.FormStore) {
	_, err := fs.FormByKey(ctx, "nope")
	wantCode(t, err, crm.ENOTFOUND)
	_, err = fs.Form(ctx, 42)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, fs.UpdateForm(ctx, &crm.Form{ID: 42, Name: "x"}), crm.ENOTFOUND)
	wantCode(t, fs.DeleteForm(ctx, 42), crm.ENOTFOUND)
}

func testFormListDelete(t *testing.T, _ crm.Store, fs crm.FormStore) {
	a, b := aForm(nil), aForm(nil)
	b.Name = "Second"
	must(t, fs.CreateForm(ctx, a))
	must(t, fs.CreateForm(ctx, b))
	list, err := fs.ListForms(ctx)
	must(t, err)
	same(t, "list", list, []*crm.Form{a, b})
	must(t, fs.DeleteForm(ctx, a.ID))
	_, err = fs.FormByKey(ctx, a.Key)
	wantCode(t, err, crm.ENOTFOUND)
}
