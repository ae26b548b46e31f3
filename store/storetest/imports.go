package storetest

import (
	"encoding/json"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// RunImports checks import jobs: visibility to their maker, the queue, the
// rows' record and keys, the same file told, and undo — refused once a
// record changed, else removing what the import created and restoring what
// it updated.
func RunImports(t *testing.T, open Opener) {
	t.Run("jobs", func(t *testing.T) { importJobs(t, open(t)) })
	t.Run("rows", func(t *testing.T) { importRowsKeys(t, open(t)) })
	t.Run("undo", func(t *testing.T) { importUndo(t, open(t)) })
	t.Run("undo refused", func(t *testing.T) { importUndoRefused(t, open(t)) })
	t.Run("matches", func(t *testing.T) { importMatches(t, open(t)) })
	t.Run("bulk", func(t *testing.T) { importBulk(t, open(t)) })
}

// importMatches looks values up many at a time, each rule on its own.
func importMatches(t *testing.T, s crm.Store) {
	is := s.(crm.ImportStore)
	c := &crm.Customer{Name: "深圳市华强电子有限公司"}
	must(t, s.CreateCustomer(ctx, c))
	ct := &crm.Contact{Name: "王芳", Emails: []string{"wang@huaqiang.example"}, Phones: []string{"+8613800138000"}}
	must(t, s.CreateContact(ctx, ct))
	l := &crm.Lead{Name: "李", Company: "百度", Email: "li@baidu.example"}
	must(t, s.CreateLead(ctx, l))
	tests := []struct {
		rule   string
		values []string
		want   map[string]int64
	}{
		{"customer:name", []string{crm.CompanyKey("华强电子"), "nobody"}, map[string]int64{crm.CompanyKey("华强电子"): c.ID}},
		{"contact:email", []string{"wang@huaqiang.example", "x@y.example"}, map[string]int64{"wang@huaqiang.example": ct.ID}},
		{"contact:phone", []string{"+8613800138000"}, map[string]int64{"+8613800138000": ct.ID}},
		{"lead:email", []string{"li@baidu.example"}, map[string]int64{"li@baidu.example": l.ID}},
		{"lead:phone", []string{"+8613800138000"}, map[string]int64{}},
		{"order:number", nil, map[string]int64{}},
	}
	for _, tt := range tests {
		got, err := is.ImportMatches(ctx, tt.rule, tt.values)
		must(t, err)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %v, want %v", tt.rule, got, tt.want)
		}
		for v, id := range tt.want {
			if len(got[v]) != 1 || got[v][0].ID != id {
				t.Fatalf("%s %s: %v, want id %d", tt.rule, v, got[v], id)
			}
		}
	}
	_, err := is.ImportMatches(ctx, "users", []string{"x"})
	wantCode(t, err, crm.EINVALID)
}

func aJob(w *world, by *crm.User) *crm.ImportJob {
	return &crm.ImportJob{Kind: crm.ImportCustomers, Status: crm.ImportUploaded, FileName: "客户.xlsx",
		FileSHA256: "abc", FileSize: 10, Format: "xlsx", Headings: []string{"客户名称", "手机"},
		Mapping: []string{"name", "contact_phone"}, Options: crm.ImportOptions{Mode: crm.DupSkip, Region: "CN"},
		Total: 2, CreatedBy: by.ID}
}

func importJobs(t *testing.T, s crm.Store) {
	is := s.(crm.ImportStore)
	w := newWorld(t, s)
	j := aJob(w, w.mgrA)
	must(t, is.CreateImport(ctx, j))
	other := aJob(w, w.mgrB)
	must(t, is.CreateImport(ctx, other))
	got, err := is.Import(ctx, w.mgrA.Viewer(), j.ID)
	must(t, err)
	same(t, "job read back", got.Headings, j.Headings)
	same(t, "options read back", got.Options, j.Options)
	_, err = is.Import(ctx, w.mgrA.Viewer(), other.ID)
	wantCode(t, err, crm.ENOTFOUND) // another manager's import
	if _, err := is.Import(ctx, w.admin.Viewer(), other.ID); err != nil {
		t.Fatalf("admin reads any import: %v", err)
	}
	l, err := is.ListImports(ctx, w.mgrA.Viewer(), crm.Page{})
	must(t, err)
	if len(l.Items) != 1 || l.Items[0].ID != j.ID {
		t.Fatalf("manager A lists %+v, want only job %d", l.Items, j.ID)
	}
	_, err = is.NextImport(ctx)
	wantCode(t, err, crm.ENOTFOUND) // nothing queued
	other.Status = crm.ImportQueued
	must(t, is.SaveImport(ctx, other))
	j.Status, j.Done, j.Created = crm.ImportRunning, 1, 1
	must(t, is.SaveImport(ctx, j))
	next, err := is.NextImport(ctx)
	must(t, err)
	if next.ID != j.ID || next.Done != 1 || next.Created != 1 {
		t.Fatalf("next import = %+v, want the oldest (%d) with its progress", next, j.ID)
	}
	prev, err := is.SameFileImport(ctx, crm.ImportCustomers, "abc", other.ID)
	must(t, err)
	if prev.ID != j.ID {
		t.Fatalf("same file import = %d, want %d", prev.ID, j.ID)
	}
	j.Status = crm.ImportUndone
	must(t, is.SaveImport(ctx, j))
	_, err = is.SameFileImport(ctx, crm.ImportCustomers, "abc", other.ID)
	wantCode(t, err, crm.ENOTFOUND) // an undone import does not count
}

func importRowsKeys(t *testing.T, s crm.Store) {
	is := s.(crm.ImportStore)
	w := newWorld(t, s)
	j := aJob(w, w.admin)
	must(t, is.CreateImport(ctx, j))
	c := &crm.Customer{Name: "华强电子"}
	must(t, s.CreateCustomer(ctx, c))
	rows := []crm.ImportRow{
		{JobID: j.ID, RowNo: 1, RecordKind: crm.RefCustomer, Action: crm.RowCreated, RecordID: &c.ID, Key: "k1", Stamp: &c.UpdatedAt},
		{JobID: j.ID, RowNo: 2, Action: crm.RowFailed, Key: "k2", Reason: "name: is required", Cells: []string{"", "138"}},
	}
	must(t, is.AddImportRows(ctx, rows))
	failed, err := is.ImportRows(ctx, j.ID, crm.RowFailed, 0, 10)
	must(t, err)
	if len(failed) != 1 || failed[0].Reason != "name: is required" || len(failed[0].Cells) != 2 {
		t.Fatalf("failed rows = %+v", failed)
	}
	got, err := is.RowImported(ctx, "k1")
	must(t, err)
	if got.JobID != j.ID || got.RowNo != 1 {
		t.Fatalf("row imported = %+v", got)
	}
	_, err = is.RowImported(ctx, "k2")
	wantCode(t, err, crm.ENOTFOUND) // a failed row imported nothing
}

// importWrote records that job created customer c and updated u (whose
// previous state is before).
func importWrote(t *testing.T, s crm.Store, w *world, c, u *crm.Customer, before *crm.Customer) *crm.ImportJob {
	is := s.(crm.ImportStore)
	j := aJob(w, w.admin)
	must(t, is.CreateImport(ctx, j))
	b, err := json.Marshal(before)
	must(t, err)
	must(t, is.AddImportRows(ctx, []crm.ImportRow{
		{JobID: j.ID, RowNo: 1, RecordKind: crm.RefCustomer, Action: crm.RowCreated, RecordID: &c.ID, Key: "a", Stamp: &c.UpdatedAt},
		{JobID: j.ID, RowNo: 2, RecordKind: crm.RefCustomer, Action: crm.RowUpdated, RecordID: &u.ID, Key: "b",
			Stamp: &u.UpdatedAt, Before: string(b)},
	}))
	return j
}

func importUndo(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	old := &crm.Customer{Name: "老客户", Industry: "电子"}
	must(t, s.CreateCustomer(ctx, old))
	before := *old
	old.Industry = "制造"
	must(t, s.UpdateCustomer(ctx, crm.System, old))
	made := &crm.Customer{Name: "新客户"}
	must(t, s.CreateCustomer(ctx, made))
	ct := &crm.Contact{Name: "王芳", CustomerID: &made.ID, Phones: []string{"+8613800138000"}}
	must(t, s.CreateContact(ctx, ct))
	j := importWrote(t, s, w, made, old, &before)
	is := s.(crm.ImportStore)
	must(t, is.AddImportRows(ctx, []crm.ImportRow{{JobID: j.ID, RowNo: 1, RecordKind: crm.RefContact,
		Action: crm.RowCreated, RecordID: &ct.ID, Key: "a", Stamp: &ct.UpdatedAt}}))
	must(t, is.UndoImport(ctx, j.ID))
	_, err := s.Customer(ctx, crm.System, made.ID)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.Contact(ctx, crm.System, ct.ID)
	wantCode(t, err, crm.ENOTFOUND)
	back, err := s.Customer(ctx, crm.System, old.ID)
	must(t, err)
	if back.Industry != "电子" {
		t.Fatalf("updated customer restored to industry %q, want 电子", back.Industry)
	}
}

func importUndoRefused(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	made := &crm.Customer{Name: "新客户"}
	must(t, s.CreateCustomer(ctx, made))
	other := &crm.Customer{Name: "另一家"}
	must(t, s.CreateCustomer(ctx, other))
	j := importWrote(t, s, w, made, other, other)
	made.Notes = "a rep wrote this after the import"
	must(t, s.UpdateCustomer(ctx, crm.System, made))
	err := s.(crm.ImportStore).UndoImport(ctx, j.ID)
	wantCode(t, err, crm.ECONFLICT)
	if _, err := s.Customer(ctx, crm.System, made.ID); err != nil {
		t.Fatalf("a refused undo removed the customer: %v", err)
	}
}
