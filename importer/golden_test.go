package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var update = flag.Bool("update", false, "rewrite the GBK and XLSX variants of testdata/<kind>.csv and the expected dry-run reports")

var ctx = context.Background()

// world is a store with users and the records the golden files collide
// with: 深圳市华强电子有限公司 and its contact 王芳, a lead on 13700137000.
type world struct {
	db                *sqlstore.DB
	app               *testapp.App
	admin, mgr, rep   *crm.User
	svc               *importer.Service
	customer, contact int64
}

func newWorld(t *testing.T, cfg func(*importer.Config)) *world {
	t.Helper()
	app := testapp.New(t, testapp.Options{Blobs: true})
	w := &world{db: app.DB, app: app}
	team := &crm.Team{Name: "A"}
	must(t, w.db.CreateTeam(ctx, team))
	mk := func(email string, role crm.Role) *crm.User {
		u := &crm.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, TeamID: &team.ID}
		must(t, w.db.CreateUser(ctx, u))
		return u
	}
	w.admin, w.mgr, w.rep = mk("admin@example.com", crm.RoleAdmin), mk("manager@example.com", crm.RoleManager),
		mk("rep1@example.com", crm.RoleRep)
	c := &crm.Customer{Name: "深圳市华强电子有限公司"}
	must(t, w.db.CreateCustomer(ctx, c))
	ct := &crm.Contact{Name: "王芳", CustomerID: &c.ID, Emails: []string{"wang@huaqiang.example"}}
	must(t, w.db.CreateContact(ctx, ct))
	must(t, w.db.CreateLead(ctx, &crm.Lead{Name: "张伟", Phone: "+8613700137000"}))
	must(t, w.db.CreateProduct(ctx, &crm.Product{SKU: "P-100", Name: "工控主板", ListPrice: 120000, Active: true}))
	must(t, w.db.CreateOrder(ctx, &crm.Order{Number: "SO-OLD-1", CustomerID: c.ID, Amount: 100}))
	w.customer, w.contact = c.ID, ct.ID
	conf := importer.Config{Store: w.db, Blobs: app.Blobs, Now: app.Now, Chunk: 3, Holder: "test"}
	if cfg != nil {
		cfg(&conf)
	}
	w.svc = importer.New(conf)
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var kinds = crm.ImportKinds

// variants are each kind's golden files: the UTF-8 source, its GBK copy
// (as Excel in China saves CSV) and its XLSX copy, with the encoding each
// must be read as.
var variants = []struct{ suffix, encoding string }{
	{".csv", "utf-8"}, {".gbk.csv", "gb18030"}, {".xlsx", ""},
}

// TestGoldenDryRuns uploads every golden file and compares its dry run
// with the kind's expected report: the three variants of a kind must give
// the same report, row for row.
func TestGoldenDryRuns(t *testing.T) {
	if *update {
		for _, k := range kinds {
			writeVariants(t, k)
		}
	}
	for _, kind := range kinds {
		for _, v := range variants {
			t.Run(kind+v.suffix, func(t *testing.T) {
				w := newWorld(t, nil)
				j := upload(t, w, kind, kind+v.suffix)
				if j.Encoding != v.encoding {
					t.Errorf("encoding = %q, want %q", j.Encoding, v.encoding)
				}
				rep, err := w.svc.Check(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
				must(t, err)
				got := reportText(rep)
				want := filepath.Join("testdata", kind+".want")
				if *update && v.suffix == ".csv" {
					must(t, os.WriteFile(want, []byte(got), 0o644))
				}
				b, err := os.ReadFile(want)
				must(t, err)
				if got != string(b) {
					t.Errorf("dry run of %s:\n%s\nwant (%s):\n%s", kind+v.suffix, got, want, b)
				}
			})
		}
	}
}

func upload(t *testing.T, w *world, kind, name string) *crm.ImportJob {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	must(t, err)
	j, err := w.svc.Upload(ctx, w.admin.Viewer(), kind, name, bytes.NewReader(b))
	must(t, err)
	return j
}

// reportText is a dry run as the golden files hold it: the mapping, the
// counts, then a line per listed row.
func reportText(r *crm.ImportReport) string {
	var b strings.Builder
	for i, h := range r.Job.Headings {
		fmt.Fprintf(&b, "column %q → %q\n", h, r.Job.Mapping[i])
	}
	fmt.Fprintf(&b, "rows %d: created %d, updated %d, skipped %d, failed %d\n", r.Total, r.Created, r.Updated, r.Skipped, r.Failed)
	for _, x := range r.Rows {
		id := ""
		if x.RecordID != nil {
			id = fmt.Sprintf(" #%d", *x.RecordID)
		}
		fmt.Fprintf(&b, "row %d: %s %s%s %s\n", x.RowNo, x.RecordKind, x.Action, id, x.Reason)
	}
	return b.String()
}

// writeVariants writes testdata/<kind>.gbk.csv and <kind>.xlsx from the
// UTF-8 source. The XLSX holds what spreadsheets do to data: dates as
// date cells (Excel serial numbers), long digit strings (phones) as
// numbers, and a run of equal names in the first column merged into one
// cell.
func writeVariants(t *testing.T, kind string) {
	src, err := os.ReadFile(filepath.Join("testdata", kind+".csv"))
	must(t, err)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(src)
	must(t, err)
	must(t, os.WriteFile(filepath.Join("testdata", kind+".gbk.csv"), gbk, 0o644))
	rows, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	must(t, err)
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(t, err)
	for r, cells := range rows {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			must(t, f.SetCellValue("Sheet1", cell, typed(v)))
			if _, ok := typed(v).(time.Time); ok {
				must(t, f.SetCellStyle("Sheet1", cell, cell, dateStyle))
			}
		}
		if r > 1 && cells[0] != "" && cells[0] == rows[r-1][0] {
			top, _ := excelize.CoordinatesToCellName(1, r)
			bottom, _ := excelize.CoordinatesToCellName(1, r+1)
			must(t, f.SetCellValue("Sheet1", bottom, ""))
			must(t, f.MergeCell("Sheet1", top, bottom))
		}
	}
	must(t, f.SaveAs(filepath.Join("testdata", kind+".xlsx")))
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func typed(v string) any {
	if isoDate.MatchString(v) {
		d, _ := time.Parse(time.DateOnly, v)
		return d
	}
	if regexp.MustCompile(`^\d{11,}$`).MatchString(v) {
		var n int64
		fmt.Sscan(v, &n)
		return n
	}
	return v
}
