package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
)

func start(t *testing.T, w *world, j *crm.ImportJob, mode string) *crm.ImportJob {
	t.Helper()
	j, err := w.svc.Start(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{Options: crm.ImportOptions{Mode: mode}})
	must(t, err)
	must(t, w.svc.Tick(ctx))
	j, err = w.svc.Job(ctx, w.admin.Viewer(), j.ID)
	must(t, err)
	return j
}

// customers lists every customer, page by page.
func customers(t *testing.T, w *world) []*crm.Customer {
	t.Helper()
	var out []*crm.Customer
	for p := (crm.Page{Limit: 500}); ; {
		l, err := w.db.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Page: p})
		must(t, err)
		out = append(out, l.Items...)
		if l.Next == 0 {
			return out
		}
		p.After = l.Next
	}
}

// TestImportMatchesDryRun imports the customers file: the import does what
// its dry run said, the error report holds the failed rows with why, and
// undo takes back exactly what the import created.
func TestImportMatchesDryRun(t *testing.T) {
	w := newWorld(t, nil)
	j := upload(t, w, crm.ImportCustomers, "customers.xlsx")
	rep, err := w.svc.Check(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
	must(t, err)
	j = start(t, w, j, crm.DupSkip)
	if j.Status != crm.ImportDone || j.Done != j.Total {
		t.Fatalf("job = %s, %d/%d rows", j.Status, j.Done, j.Total)
	}
	if j.Created != rep.Created || j.Skipped != rep.Skipped || j.Failed != rep.Failed {
		t.Fatalf("import created/skipped/failed %d/%d/%d, dry run said %d/%d/%d",
			j.Created, j.Skipped, j.Failed, rep.Created, rep.Skipped, rep.Failed)
	}
	if n := len(customers(t, w)); n != 1+4 {
		t.Fatalf("%d customers after the import, want 5", n)
	}
	kugou, err := w.db.CustomersByNameKey(ctx, crm.CompanyKey("广州酷狗"))
	must(t, err)
	l, err := w.db.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, CustomerID: &kugou[0].ID})
	must(t, err)
	if len(l.Items) != 2 {
		t.Fatalf("广州酷狗 (merged over two rows) has %d contacts, want 2", len(l.Items))
	}
	var report bytes.Buffer
	must(t, w.svc.ErrorReport(ctx, w.admin.Viewer(), j.ID, &report))
	for _, want := range []string{"原因 Why", "name: is required", "杭州阿里", "no user nobody@example.com"} {
		if !strings.Contains(report.String(), want) {
			t.Errorf("error report lacks %q:\n%s", want, report.String())
		}
	}
	if n := strings.Count(report.String(), "\n"); n != 1+3 {
		t.Errorf("error report has %d lines, want the headings and 3 failed rows", n)
	}
	_, err = w.svc.Undo(ctx, w.admin.Viewer(), j.ID)
	must(t, err)
	if n := len(customers(t, w)); n != 1 {
		t.Fatalf("%d customers after undo, want the one from before", n)
	}
	if _, err := w.db.Contact(ctx, crm.System, w.contact); err != nil {
		t.Fatalf("undo removed a contact the import only matched: %v", err)
	}
}

// TestDuplicateModes runs the 查重 decisions: skip keeps the existing
// customer, update fills it (and undo restores it), create makes another.
func TestDuplicateModes(t *testing.T) {
	for _, tt := range []struct {
		mode      string
		customers int
		level     string
	}{
		{crm.DupSkip, 1 + 4, ""},
		{crm.DupUpdate, 1 + 4, "A"},
		{crm.DupCreate, 1 + 7, ""}, // 华强 again, and the file's repeated 百度 and 酷狗 rows
	} {
		t.Run(tt.mode, func(t *testing.T) {
			w := newWorld(t, nil)
			j := start(t, w, upload(t, w, crm.ImportCustomers, "customers.csv"), tt.mode)
			cs := customers(t, w)
			if len(cs) != tt.customers {
				t.Fatalf("%s: %d customers, want %d", tt.mode, len(cs), tt.customers)
			}
			hq, err := w.db.Customer(ctx, crm.System, w.customer)
			must(t, err)
			if hq.Level != tt.level {
				t.Fatalf("%s: existing customer's level = %q, want %q", tt.mode, hq.Level, tt.level)
			}
			if tt.mode == crm.DupUpdate {
				if hq.OwnerID == nil || *hq.OwnerID != w.rep.ID {
					t.Fatalf("update did not give the owner column's rep: %v", hq.OwnerID)
				}
				_, err := w.svc.Undo(ctx, w.admin.Viewer(), j.ID)
				must(t, err)
				hq, err = w.db.Customer(ctx, crm.System, w.customer)
				must(t, err)
				if hq.Level != "" || hq.OwnerID != nil {
					t.Fatalf("undo left the update: level %q owner %v", hq.Level, hq.OwnerID)
				}
			}
		})
	}
}

// TestSameFileTwice imports a file, then the same file again (and its
// rows in another format): the second import is told it is the same file
// and creates nothing.
func TestSameFileTwice(t *testing.T) {
	w := newWorld(t, nil)
	first := start(t, w, upload(t, w, crm.ImportLeads, "leads.csv"), crm.DupCreate)
	before := first.Created
	again := upload(t, w, crm.ImportLeads, "leads.csv")
	if again.SameFileAs != first.ID {
		t.Fatalf("same file as = %d, want %d", again.SameFileAs, first.ID)
	}
	again = start(t, w, again, crm.DupCreate)
	if again.Created != 0 || again.Skipped != before {
		t.Fatalf("second import created %d, skipped %d; want 0 and %d", again.Created, again.Skipped, before)
	}
	xlsx := start(t, w, upload(t, w, crm.ImportLeads, "leads.xlsx"), crm.DupCreate)
	if xlsx.Created != 0 {
		t.Fatalf("the same rows as XLSX created %d leads", xlsx.Created)
	}
	rows, err := w.db.ImportRows(ctx, again.ID, crm.RowSkipped, 0, 10)
	must(t, err)
	if !strings.Contains(rows[0].Reason, fmt.Sprintf("imported already by import #%d", first.ID)) {
		t.Fatalf("reason = %q", rows[0].Reason)
	}
}

// failingStore fails SaveImport when fail says so: a crash in the middle
// of a chunk, after its rows were written in the transaction.
type failingStore struct {
	importer.Store
	fail func(j *crm.ImportJob) bool
}

func (s failingStore) SaveImport(ctx context.Context, j *crm.ImportJob) error {
	if s.fail != nil && s.fail(j) {
		return errors.New("killed")
	}
	return s.Store.SaveImport(ctx, j)
}

// TestResumeAfterKill kills an import in its fourth chunk: the chunk's
// rows roll back with it, the lease keeps a second instance off until it
// expires, and the second instance then resumes at the chunk's first row,
// ending with each row imported once.
func TestResumeAfterKill(t *testing.T) {
	w := newWorld(t, nil)
	var csv strings.Builder
	csv.WriteString("客户名称,联系人,手机\n")
	for i := range 1000 {
		fmt.Fprintf(&csv, "公司%04d,联系人%d,+86 139 %04d %04d\n", i, i, i/100, i)
	}
	killed := failingStore{Store: w.db, fail: func(j *crm.ImportJob) bool { return j.Done > 300 }}
	a := importer.New(importer.Config{Store: killed, Blobs: w.app.Blobs, Now: w.app.Now, Chunk: 100, Holder: "a"})
	j, err := a.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "big.csv", strings.NewReader(csv.String()))
	must(t, err)
	_, err = a.Start(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
	must(t, err)
	if err := a.Tick(ctx); err == nil {
		t.Fatal("the killed import reported no error")
	}
	j, err = w.db.Import(ctx, crm.System, j.ID)
	must(t, err)
	if j.Status != crm.ImportRunning || j.Done != 300 || len(customers(t, w)) != 1+300 {
		t.Fatalf("after the kill: %s, %d rows done, %d customers; want running, 300, 301", j.Status, j.Done, len(customers(t, w)))
	}
	// A crash leaves the lease held: the other instance waits for it.
	now := w.app.Now()
	_, err = w.db.TakeLease(ctx, "import", "a", now, now.Add(30*time.Second))
	must(t, err)
	b := importer.New(importer.Config{Store: w.db, Blobs: w.app.Blobs, Now: w.app.Now, Chunk: 100, Holder: "b"})
	must(t, b.Tick(ctx))
	if j, _ = w.db.Import(ctx, crm.System, j.ID); j.Done != 300 {
		t.Fatalf("b ran under a's lease: %d rows done", j.Done)
	}
	w.app.Clock.Add(31 * time.Second)
	must(t, b.Tick(ctx))
	j, err = w.db.Import(ctx, crm.System, j.ID)
	must(t, err)
	if j.Status != crm.ImportDone || j.Created != 1000 || len(customers(t, w)) != 1+1000 {
		t.Fatalf("after resuming: %s, created %d, %d customers; want done, 1000, 1001", j.Status, j.Created, len(customers(t, w)))
	}
	rows, err := w.db.ImportRows(ctx, j.ID, "", 0, 5000)
	must(t, err)
	if len(rows) != 2000 {
		t.Fatalf("%d import rows, want each of 1000 rows' customer and contact once", len(rows))
	}
}

// TestBrokenFilesRefusedWhole: a file that cannot be read whole is refused
// at upload with the reason, and no job exists.
func TestBrokenFilesRefusedWhole(t *testing.T) {
	w := newWorld(t, nil)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"quote.csv", []byte("客户名称,地区\n\"华强,广东\n百度,北京\n"), "broken at line"},
		{"latin1.csv", []byte("name\nM\xfcller \xff\xfe\xfd\x80\n"), "neither UTF-8 nor GBK"},
		{"old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...), "old Excel file"},
		{"empty.csv", []byte("  \n"), "empty"},
		{"cut.xlsx", zipBytes(t, map[string]string{"xl/workbook.xml": "<workbook>"})[:60], "broken"},
		{"nosheet.xlsx", zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>"}), "no sheets"},
		{"bomb.xlsx", bomb(t), "zip bomb"},
		{"dimension.xlsx", dimensionBomb(t), "declares A1:XFD1048576"},
	}
	for _, tt := range tests {
		_, err := w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, tt.name, bytes.NewReader(tt.data))
		if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(crm.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want EINVALID saying %q", tt.name, err, tt.want)
		}
	}
	l, err := w.db.ListImports(ctx, crm.System, crm.Page{})
	must(t, err)
	if len(l.Items) != 0 {
		t.Fatalf("refused files left %d jobs", len(l.Items))
	}
}

func zipBytes(t *testing.T, files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		f, err := zw.Create(name)
		must(t, err)
		_, err = f.Write([]byte(body))
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}

// bomb is a workbook whose sheet unpacks to 64 MB from a few dozen KB.
func bomb(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	must(t, err)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 {
		_, err := f.Write(chunk)
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}

// dimensionBomb is a small, valid workbook whose sheet declares every cell
// of the largest sheet Excel allows.
func dimensionBomb(t *testing.T) []byte {
	files := workbookParts()
	files["xl/worksheets/sheet1.xml"] = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row></sheetData></worksheet>`
	return zipBytes(t, files)
}

// TestPastOrders imports products then past orders with their lines and
// payments, and undoes the orders: their payments go with them, the
// products stay.
func TestPastOrders(t *testing.T) {
	w := newWorld(t, nil)
	start(t, w, upload(t, w, crm.ImportProducts, "products.xlsx"), crm.DupSkip)
	j := start(t, w, upload(t, w, crm.ImportOrders, "orders.xlsx"), crm.DupSkip)
	if j.Status != crm.ImportDone || j.Created != 3 || j.Updated != 1 || j.Failed != 3 {
		t.Fatalf("orders import = %+v", j)
	}
	o, err := w.db.OrderByNumber(ctx, crm.System, "SO-2024-001")
	must(t, err)
	if len(o.Items) != 2 || o.Amount != 1_480_000 || o.Items[0].ProductID == nil || o.Items[1].Product != "安装服务" ||
		o.OrderDate == nil || o.OrderDate.String() != "2024-03-05" || o.Status != crm.OrderCompleted {
		t.Fatalf("SO-2024-001 = %+v", o)
	}
	ps, err := w.db.ListPayments(ctx, crm.PaymentFilter{Viewer: crm.System, OrderID: &o.ID})
	must(t, err)
	if len(ps.Items) != 1 || ps.Items[0].Amount != 1_280_000 || ps.Items[0].Method != crm.MethodBank ||
		ps.Items[0].PaidAt.Format("2006-01-02") != "2024-04-01" {
		t.Fatalf("SO-2024-001's payments = %+v", ps.Items)
	}
	_, err = w.svc.Undo(ctx, w.admin.Viewer(), j.ID)
	must(t, err)
	if _, err := w.db.OrderByNumber(ctx, crm.System, "SO-2024-001"); !crm.IsNotFound(err) {
		t.Fatalf("undo left SO-2024-001: %v", err)
	}
	if _, err := w.db.OrderByNumber(ctx, crm.System, "SO-OLD-1"); err != nil {
		t.Fatalf("undo removed an order the import only skipped: %v", err)
	}
	if _, err := w.db.ProductBySKU(ctx, "P-200"); err != nil {
		t.Fatalf("undoing the orders removed a product: %v", err)
	}
}

// refusingStore refuses to create the lead named 拒绝, as a store refuses a
// write its own checks catch.
type refusingStore struct{ importer.Store }

func (s refusingStore) CreateLead(ctx context.Context, l *crm.Lead) error {
	if l.Name == "拒绝" {
		return crm.Errorf(crm.ECONFLICT, "refused by the store")
	}
	return s.Store.CreateLead(ctx, l)
}

// TestRefusedRowFailsAlone: a chunk runs without savepoints; when the
// store refuses one row's write, the chunk runs again with them and only
// that row fails.
func TestRefusedRowFailsAlone(t *testing.T) {
	w := newWorld(t, nil)
	svc := importer.New(importer.Config{Store: refusingStore{w.db}, Blobs: w.app.Blobs, Now: w.app.Now, Chunk: 10})
	j, err := svc.Upload(ctx, w.admin.Viewer(), crm.ImportLeads, "l.csv",
		strings.NewReader("姓名,手机\n甲,13900000001\n拒绝,13900000002\n乙,13900000003\n"))
	must(t, err)
	_, err = svc.Start(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
	must(t, err)
	must(t, svc.Tick(ctx))
	wantOneFailed(t, w, j.ID, 2, 2, "refused by the store")
}

// TestFormulasAndMergedCells reads a workbook as Excel writes one: a
// formula's saved result is its value (a formula without one reads empty),
// and a merged block's value fills each of its cells.
func TestFormulasAndMergedCells(t *testing.T) {
	w := newWorld(t, nil)
	sheet := `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c><c r="B1" t="inlineStr"><is><t>联系人</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>手机</t></is></c><c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>` +
		`<row r="2"><c r="A2" t="str"><f>"公式"&amp;"科技"</f><v>公式科技</v></c><c r="B2" t="inlineStr"><is><t>甲</t></is></c>` +
		`<c r="C2"><f>13800138000+1</f><v>13800138001</v></c><c r="D2"><f>1/0</f></c></row>` +
		`<row r="3"><c r="B3" t="inlineStr"><is><t>乙</t></is></c><c r="C3"><v>13800138002</v></c></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>`
	files := map[string]string{}
	for k, v := range workbookParts() {
		files[k] = v
	}
	files["xl/worksheets/sheet1.xml"] = sheet
	j, err := w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "f.xlsx", bytes.NewReader(zipBytes(t, files)))
	must(t, err)
	j = start(t, w, j, crm.DupSkip)
	if j.Created != 1 || j.Skipped != 1 || j.Failed != 0 {
		t.Fatalf("import = %+v", j)
	}
	cs, err := w.db.CustomersByNameKey(ctx, crm.CompanyKey("公式科技"))
	must(t, err)
	if len(cs) != 1 || cs[0].Notes != "" {
		t.Fatalf("customers named by the formula: %+v", cs)
	}
	l, err := w.db.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, CustomerID: &cs[0].ID})
	must(t, err)
	if len(l.Items) != 2 || l.Items[1].Phones[0] != "+8613800138001" {
		t.Fatalf("contacts of the merged customer: %+v", l.Items)
	}
}

// workbookParts are the parts of a one-sheet workbook but its sheet.
func workbookParts() map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"_rels/.rels":                `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/styles.xml":              `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
	}
}

// TestErrorReportIsSafeAndImportsBack: a failed row's cells that a
// spreadsheet would run as formulas (= + - @) are written with Excel's
// quote mark in front, and the report, fixed, imports back with the cells
// as they first were.
func TestErrorReportIsSafeAndImportsBack(t *testing.T) {
	w := newWorld(t, nil)
	file := "客户名称,标签,联系人,手机,负责人\n@恶意公司,=1+1,-王,+86 139 0013 9001,nobody@example.com\n"
	j, err := w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "bad.csv", strings.NewReader(file))
	must(t, err)
	j = start(t, w, j, crm.DupSkip)
	if j.Failed != 1 {
		t.Fatalf("%d rows failed, want the one with an unknown owner", j.Failed)
	}
	var report bytes.Buffer
	must(t, w.svc.ErrorReport(ctx, w.admin.Viewer(), j.ID, &report))
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(report.String(), "\ufeff"))).ReadAll()
	must(t, err)
	if len(recs) != 2 {
		t.Fatalf("report %q, want the headings and one row", recs)
	}
	for i, want := range []string{"'@恶意公司", "'=1+1", "'-王", "'+86 139 0013 9001", "nobody@example.com"} {
		if recs[1][i] != want {
			t.Errorf("report cell %d = %q, want %q", i, recs[1][i], want)
		}
	}
	// Fixed (the owner taken out), the report imports as the file would have.
	recs[1][4] = ""
	var fixed bytes.Buffer
	cw := csv.NewWriter(&fixed)
	must(t, cw.WriteAll(recs))
	j, err = w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "fixed.csv", &fixed)
	must(t, err)
	j = start(t, w, j, crm.DupSkip)
	if j.Created != 1 || j.Failed != 0 {
		t.Fatalf("fixed report: created %d, failed %d; want 1, 0", j.Created, j.Failed)
	}
	cs, err := w.db.CustomersByNameKey(ctx, crm.CompanyKey("@恶意公司"))
	must(t, err)
	if len(cs) != 1 || cs[0].Name != "@恶意公司" || !slices.Equal(cs[0].Tags, []string{"=1+1"}) {
		t.Fatalf("customer read back as %+v, want the name and tag without quote marks", cs)
	}
	l, err := w.db.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, CustomerID: &cs[0].ID})
	must(t, err)
	if len(l.Items) != 1 || l.Items[0].Name != "-王" || !slices.Contains(l.Items[0].Phones, "+8613900139001") {
		t.Fatalf("contact read back as %+v", l.Items)
	}
}

// TestTagsOnLeadsAndContacts: a 标签 column labels imported leads and
// contacts as it does customers; the list filters find them by label.
func TestTagsOnLeadsAndContacts(t *testing.T) {
	w := newWorld(t, nil)
	for _, f := range []struct{ kind, csv string }{
		{crm.ImportLeads, "姓名,手机,标签\n甲,13900000101,展会、重点\n乙,13900000102,\n"},
		{crm.ImportContacts, "姓名,手机,标签\n丙,13900000103,决策人\n"},
	} {
		j, err := w.svc.Upload(ctx, w.admin.Viewer(), f.kind, f.kind+".csv", strings.NewReader(f.csv))
		must(t, err)
		if j = start(t, w, j, crm.DupCreate); j.Failed != 0 {
			t.Fatalf("%s import: %d rows failed", f.kind, j.Failed)
		}
	}
	leads, err := w.db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "重点"})
	must(t, err)
	if len(leads.Items) != 1 || leads.Items[0].Name != "甲" || !slices.Equal(leads.Items[0].Tags, []string{"展会", "重点"}) {
		t.Fatalf("leads labelled 重点: %+v", leads.Items)
	}
	cts, err := w.db.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, Tag: "决策人"})
	must(t, err)
	if len(cts.Items) != 1 || cts.Items[0].Name != "丙" {
		t.Fatalf("contacts labelled 决策人: %+v", cts.Items)
	}
}
