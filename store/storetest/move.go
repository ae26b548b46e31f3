package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// movedInstallation is an export held in memory: a MoveSink that records
// and a MoveReader that plays it back.
type movedInstallation struct {
	src    crm.MoveSource
	tables []crm.MoveTable
	rows   map[string][][]any
	cur    string
	failAt string // Rows fails on this table, as a damaged file would
}

func (m *movedInstallation) Begin(s crm.MoveSource) error {
	m.src, m.rows = s, map[string][][]any{}
	return nil
}

func (m *movedInstallation) Table(t crm.MoveTable) error {
	m.tables, m.cur = append(m.tables, t), t.Name
	m.rows[t.Name] = [][]any{}
	return nil
}

func (m *movedInstallation) Row(values []any) error {
	m.rows[m.cur] = append(m.rows[m.cur], slices.Clone(values))
	return nil
}

func (m *movedInstallation) Source() crm.MoveSource  { return m.src }
func (m *movedInstallation) Tables() []crm.MoveTable { return m.tables }

func (m *movedInstallation) Rows(_ context.Context, table string, fn func([]any) error) error {
	if table == m.failAt {
		return errors.New("damaged")
	}
	for _, r := range m.rows[table] {
		if err := fn(slices.Clone(r)); err != nil {
			return err
		}
	}
	return nil
}

func export(t *testing.T, s crm.Store) *movedInstallation {
	t.Helper()
	m := &movedInstallation{}
	must(t, mover(t, s).ExportInstallation(ctx, m))
	return m
}

func mover(t *testing.T, s crm.Store) crm.Mover {
	mv, ok := s.(crm.Mover)
	if !ok {
		t.Fatal("the store does not implement crm.Mover")
	}
	return mv
}

// RunMove checks moving a whole installation on one engine: every table
// of the schema is known (the export does not fail), an export loads into
// a fresh store and exports again equal, a store with records refuses an
// import, and a failed import leaves the store empty.
func RunMove(t *testing.T, open Opener) {
	src := open(t)
	w := newWorld(t, src)
	c := &crm.Customer{Name: "深圳华强", OwnerID: ptr(w.repA1.ID), Tags: []string{"重点"}}
	must(t, src.CreateCustomer(ctx, c))
	must(t, src.CreateContact(ctx, &crm.Contact{CustomerID: &c.ID, Name: "张三", Emails: []string{"zhang@kunde.example"}}))
	day := crm.Date{Year: 2026, Month: 2, Day: 27}
	must(t, src.CreateOrder(ctx, &crm.Order{Number: "HT-1", CustomerID: c.ID, OrderDate: &day, Status: crm.OrderActive,
		Items: []crm.LineItem{{Product: "传感器", Quantity: 2.5, UnitPrice: 3333}}}))
	// The FAQ's last id (2) is above the largest left (1): ids go on after 2.
	bs, ok := src.(crm.BotStore)
	if !ok {
		t.Fatal("the store does not implement crm.BotStore")
	}
	for _, q := range []string{"发货时间", "退货"} {
		must(t, bs.CreateFAQ(ctx, &crm.FAQ{Question: q, Answer: "见官网", Enabled: true}))
	}
	must(t, bs.DeleteFAQ(ctx, 2))
	want := export(t, src)
	if len(want.rows["users"]) != 6 || len(want.rows["order_lines"]) != 1 || len(want.tables) < 70 {
		t.Fatalf("export: %d users, %d order lines, %d tables; want 6, 1 and every table",
			len(want.rows["users"]), len(want.rows["order_lines"]), len(want.tables))
	}

	t.Run("RoundTrip", func(t *testing.T) {
		dst := open(t)
		n, err := mover(t, dst).ImportInstallation(ctx, want, nil)
		must(t, err)
		got := export(t, dst)
		if !reflect.DeepEqual(got.rows, want.rows) || n == 0 {
			t.Errorf("after import (%d rows), the export differs:\n got %v\nwant %v", n, got.rows, want.rows)
		}
		next := &crm.Customer{Name: "next"}
		must(t, dst.CreateCustomer(ctx, next))
		same(t, "the id after the imported ones", next.ID, c.ID+1)
		faq := &crm.FAQ{Question: "付款方式", Answer: "转账", Enabled: true}
		must(t, dst.(crm.BotStore).CreateFAQ(ctx, faq))
		same(t, "the id after the last one handed out, deleted since", faq.ID, int64(3))
		_, err = mover(t, dst).ImportInstallation(ctx, want, nil)
		wantCode(t, err, crm.ECONFLICT)
	})
	t.Run("FailureLeavesTargetEmpty", func(t *testing.T) {
		for _, failure := range []*movedInstallation{
			{src: want.src, tables: want.tables, rows: want.rows, failAt: "orders"},
			{src: want.src, tables: want.tables, rows: want.rows},
		} {
			dst := open(t)
			empty := export(t, dst)
			commit := func(context.Context) error {
				if failure.failAt == "" {
					return errors.New("the files could not be stored")
				}
				return nil
			}
			if _, err := mover(t, dst).ImportInstallation(ctx, failure, commit); err == nil {
				t.Fatal("a failed import reported success")
			}
			if got := export(t, dst); !reflect.DeepEqual(got.rows, empty.rows) {
				t.Errorf("a failed import left rows behind: %v", got.rows)
			}
		}
	})
}
