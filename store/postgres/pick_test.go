package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// TestPickOlderThanNewest: a customer older than the picker's first
// step (the newest 200) is found through the index of characters and
// pairs, by one character, two, and more, in Chinese and Latin letters of
// either case; a fragment of no name finds nothing.
func TestPickOlderThanNewest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := pgtest.FreshSchema(t, pgtest.URL(t))
	db := openAt(t, u)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	pgtest.Exec(t, u, `INSERT INTO customers (name, short_name, kind, status, created_at, updated_at)
		VALUES ('杭州鼎泰精密机械', 'Dingtai', 'customer', 'potential', now(), now())`)
	pgtest.Exec(t, u, `INSERT INTO customers (name, kind, status, created_at, updated_at)
		SELECT '客户' || i || '电子有限公司', 'customer', 'potential', now(), now() FROM generate_series(1, 1200) i`)
	for q, want := range map[string]string{"鼎": "杭州鼎泰精密机械", "鼎泰": "杭州鼎泰精密机械", "泰精密": "杭州鼎泰精密机械",
		"dINGt": "杭州鼎泰精密机械", "机械厂": "", "z": ""} {
		cs, err := db.PickCustomers(ctx, crm.System, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.Name)
		}
		if strings.Join(got, ",") != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
	if cs, err := db.PickCustomers(ctx, crm.System, "电子有限", 10); err != nil || len(cs) != 10 || cs[0].ID <= cs[9].ID {
		t.Errorf("common fragment: %d customers (%v), want the 10 newest", len(cs), err)
	}
}
