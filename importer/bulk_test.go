package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
)

// bulkStore counts the chunk writes and the one-by-one creates, and
// refuses any write of the customer named 拒绝公司.
type bulkStore struct {
	importer.Store
	bulk, single int
}

func (s *bulkStore) CreateImported(ctx context.Context, cs []*crm.Customer, cts []*crm.Contact) error {
	s.bulk++
	for _, c := range cs {
		if c.Name == "拒绝公司" {
			return crm.Errorf(crm.ECONFLICT, "refused by the store")
		}
	}
	return s.Store.CreateImported(ctx, cs, cts)
}

func (s *bulkStore) CreateCustomer(ctx context.Context, c *crm.Customer) error {
	s.single++
	if c.Name == "拒绝公司" {
		return crm.Errorf(crm.ECONFLICT, "refused by the store")
	}
	return s.Store.CreateCustomer(ctx, c)
}

// TestChunkWrittenTogether: a chunk's new customers and contacts are
// written together, never one by one; a chunk the store refuses is run
// again row by row, where only the row at fault fails and the chunk's
// other rows, and the next chunk, are imported.
func TestChunkWrittenTogether(t *testing.T) {
	w := newWorld(t, nil)
	st := &bulkStore{Store: w.db}
	svc := importer.New(importer.Config{Store: st, Blobs: w.app.Blobs, Now: w.app.Now, Chunk: 3})
	file := "客户名称,联系人,手机\n甲公司,甲,13900000001\n乙公司,乙,13900000002\n丙公司,丙,13900000003\n" +
		"丁公司,丁,13900000004\n拒绝公司,戊,13900000005\n己公司,己,13900000006\n庚公司,庚,13900000007\n"
	j, err := svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "c.csv", strings.NewReader(file))
	must(t, err)
	_, err = svc.Start(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
	must(t, err)
	must(t, svc.Tick(ctx))
	j = wantOneFailed(t, w, j.ID, 6, 5, "refused by the store") // rows: each a customer and its contact
	// Chunks 1 and 3 once each; chunk 2 once refused, then row by row.
	if st.bulk != 3 || st.single != 3 {
		t.Fatalf("%d chunk writes and %d single creates; want 3 and 3", st.bulk, st.single)
	}
	for i, name := range []string{"甲", "丁", "庚"} {
		cs, err := w.db.ContactsByPhone(ctx, crm.System, "+86139000000"+[]string{"01", "04", "07"}[i])
		must(t, err)
		if len(cs) != 1 || cs[0].Name != name || cs[0].CustomerID == nil {
			t.Fatalf("contact %s = %+v", name, cs)
		}
		c, err := w.db.Customer(ctx, crm.System, *cs[0].CustomerID)
		must(t, err)
		if c.Name != name+"公司" {
			t.Fatalf("contact %s belongs to %q", name, c.Name)
		}
	}
	_, err = svc.Undo(ctx, w.admin.Viewer(), j.ID)
	must(t, err)
	if cs, err := w.db.ContactsByPhone(ctx, crm.System, "+8613900000001"); err != nil || len(cs) != 0 {
		t.Fatalf("undo left %+v (%v)", cs, err)
	}
}

// TestImportObeysCaps: a rep at their pool's customer cap is given no
// more customers by an import, across chunks, and the dry run says so
// first; a lead import obeys the open-lead cap the same way.
func TestImportObeysCaps(t *testing.T) {
	w := newWorld(t, nil)
	must(t, w.db.SetPoolLimits(ctx, crm.PoolLimits{CustomerCap: 2, LeadCap: 1}))
	file := "客户名称,负责人\n甲公司,rep1@example.com\n乙公司,rep1@example.com\n丙公司,manager@example.com\n" +
		"丁公司,rep1@example.com\n戊公司,\n"
	j, err := w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportCustomers, "c.csv", strings.NewReader(file))
	must(t, err)
	rep, err := w.svc.Check(ctx, w.admin.Viewer(), j.ID, crm.ImportSettings{})
	must(t, err)
	if rep.Failed != 1 || rep.Created != 4 {
		t.Fatalf("dry run: created %d, failed %d; want 4 and 1", rep.Created, rep.Failed)
	}
	j = start(t, w, j, crm.DupSkip)
	wantOneFailed(t, w, j.ID, 4, 4, "Cap 2 reached")
	load, err := w.db.OwnerLoad(ctx, w.rep.ID, w.app.Now())
	must(t, err)
	if load.Customers != 2 {
		t.Fatalf("rep holds %d customers, want the cap, 2", load.Customers)
	}
	leads, err := w.svc.Upload(ctx, w.admin.Viewer(), crm.ImportLeads, "l.csv",
		strings.NewReader("姓名,手机,负责人\n甲,13900000011,rep1@example.com\n乙,13900000012,rep1@example.com\n"))
	must(t, err)
	leads = start(t, w, leads, crm.DupSkip)
	if leads.Created != 1 || leads.Failed != 1 {
		t.Fatalf("leads: created %d, failed %d; want 1 and 1", leads.Created, leads.Failed)
	}
}

// wantOneFailed checks that job id created rows and failed one, row
// failedRow, saying why; it answers the job.
func wantOneFailed(t *testing.T, w *world, id int64, created, failedRow int, why string) *crm.ImportJob {
	t.Helper()
	j, err := w.db.Import(ctx, crm.System, id)
	must(t, err)
	if j.Created != created || j.Failed != 1 {
		t.Fatalf("created %d, failed %d; want %d and 1", j.Created, j.Failed, created)
	}
	rows, err := w.db.ImportRows(ctx, id, crm.RowFailed, 0, 10)
	must(t, err)
	if len(rows) != 1 || rows[0].RowNo != failedRow || !strings.Contains(rows[0].Reason, why) {
		t.Fatalf("failed rows = %+v, want row %d: %s", rows, failedRow, why)
	}
	return j
}
