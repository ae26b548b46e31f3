package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// The search index lives in rapport-search.db beside rapport.db and is
// derived data: these tests cover how it is kept in step with the
// messages (storetest's Inbox/Search covers what a search finds).

// writeConv stores a conversation with one inbound message per text; ext
// makes the messages' external ids differ between databases.
func writeConv(t *testing.T, db *sqlstore.DB, ext string, texts ...string) int64 {
	t.Helper()
	ctx := context.Background()
	at := time.Now().UTC().Truncate(time.Second)
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@example.com", Subject: "enquiry",
		Status: crm.ConvOpen, LastMessageAt: at, LastInboundAt: &at, CreatedAt: at}
	if err := db.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Direction: crm.DirectionIn,
			ExternalID: fmt.Sprintf("%s-%d-%d", ext, c.ID, i), From: crm.Address{Address: "kunde@example.com"},
			Text: text, SentAt: at, CreatedAt: at}
		if err := db.CreateMessage(ctx, m, nil); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

func searchConvs(t *testing.T, db *sqlstore.DB, q string) []int64 {
	t.Helper()
	p, err := db.Inbox(context.Background(), crm.InboxQuery{Viewer: crm.System, Search: q, Limit: 100})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	ids := []int64{}
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	slices.Sort(ids)
	return ids
}

func wantConvs(t *testing.T, db *sqlstore.DB, q string, want ...int64) {
	t.Helper()
	if want == nil {
		want = []int64{}
	}
	if got := searchConvs(t, db, q); !slices.Equal(got, want) {
		t.Errorf("search %q: got conversations %v, want %v", q, got, want)
	}
}

// peek opens a database file read-only, beside the store.
func peek(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSearchIndexIsAFileOfItsOwn(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rapport.db")
	db := openAt(t, path)
	id := writeConv(t, db, "a", "请报价：激光打印机")
	wantConvs(t, db, "打印机", id)
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "rapport-search.db")); err != nil {
		t.Fatalf("the index file: %v", err)
	}
	var n int
	err := peek(t, path).QueryRow(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'message_search%'`).Scan(&n)
	if err != nil || n != 0 {
		t.Errorf("the database still holds %d search tables (err %v)", n, err)
	}
}

func TestSearchIndexRebuiltWhenDeleted(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rapport.db")
	db := openAt(t, path)
	id := writeConv(t, db, "a", "invoice for the toner", "发票已寄出")
	wantConvs(t, db, "toner", id)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(filepath.Join(filepath.Dir(path), "rapport-search.db"+suffix)); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	db = openAt(t, path)
	wantConvs(t, db, "toner", id)
	wantConvs(t, db, "发票已", id)
}

// A damaged index file must not keep Rapport from starting: it is
// replaced and rebuilt.
func TestSearchIndexDamagedFileIsReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "rapport.db"))
	id := writeConv(t, db, "a", "询价：不锈钢阀门")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("not a database, ", 512))
	if err := os.WriteFile(filepath.Join(dir, "rapport-search.db"), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, filepath.Join(dir, "rapport.db"))
	wantConvs(t, db, "不锈钢", id)
}

// An index built from one database and found beside another (a restored
// backup) must not answer for it: the same message ids are other messages.
func TestSearchIndexOfAnotherDatabaseIsRebuilt(t *testing.T) {
	t.Parallel()
	dirA, dirB := t.TempDir(), t.TempDir()
	a := openAt(t, filepath.Join(dirA, "rapport.db"))
	b := openAt(t, filepath.Join(dirB, "rapport.db"))
	idA := writeConv(t, a, "a", "alpha enquiry about pumps")
	idB := writeConv(t, b, "b", "bravo enquiry about valves")
	wantConvs(t, a, "pumps", idA)
	wantConvs(t, b, "valves", idB)
	for _, db := range []*sqlstore.DB{a, b} {
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	index, err := os.ReadFile(filepath.Join(dirA, "rapport-search.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dirB, "rapport-search.db"), index, 0o600); err != nil {
		t.Fatal(err)
	}
	b = openAt(t, filepath.Join(dirB, "rapport.db"))
	wantConvs(t, b, "pumps")
	wantConvs(t, b, "valves", idB)
}

// Between searches the index keeps up by itself, so that a search after a
// busy day does not index the day first.
func TestSearchIndexKeepsUpInTheBackground(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "rapport.db"))
	writeConv(t, db, "a", "one", "two", "three")
	var last int64
	if err := peek(t, filepath.Join(dir, "rapport.db")).QueryRow(`SELECT max(id) FROM messages`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	index := peek(t, filepath.Join(dir, "rapport-search.db"))
	deadline := time.Now().Add(30 * time.Second)
	for {
		var through int64
		err := index.QueryRow(`SELECT through_id FROM search_state`).Scan(&through)
		if err == nil && through == last {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("index holds messages through %d (err %v); want %d without a search", through, err, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A search waits for the index to take in a backlog of several batches,
// and two stores on one file (serve and a CLI command) share the index.
func TestSearchIndexBacklogAndTwoStores(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rapport.db")
	a := openAt(t, path)
	b := openAt(t, path)
	texts := make([]string, 1200)
	for i := range texts {
		texts[i] = fmt.Sprintf("message number %05d", i)
	}
	texts[0], texts[len(texts)-1] = "the very first 询价", "the very last 订单"
	id := writeConv(t, a, "a", texts...)
	wantConvs(t, b, "询价", id)
	wantConvs(t, a, "订单", id)
	wantConvs(t, a, "number 00600", id)
	other := writeConv(t, b, "b", "written through the second store")
	wantConvs(t, a, "second store", other)
	wantConvs(t, b, "very", id)
}
