package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// writeBehind is the write-behind queue and read overlay of one
// WithIngestTx transaction (the ingest batch). Round trips, not rows, are
// what an ingested message costs on PostgreSQL, so the batch
//   - reads ahead what its messages will look up (Prefetch): a query per
//     kind of lookup for the whole batch, all sent at once
//     (Dialect.QueryAll);
//   - queues the writes of leads, conversations, messages and their parts,
//     thread references and cursors, giving new rows ids reserved up
//     front, and sends the queue at the end as multi-row statements, all
//     at once (Dialect.ExecAll).
//
// The rule that keeps this invisible: every read sees every earlier write.
// The batch's own reads answer from what it read and queued (the overlay),
// or go to the database when the queue holds nothing they could see (leads
// are read after the queue is written while leads are queued); any other
// store call made with the batch's ctx first writes the queue, and a write
// through it also drops what the batch read.
type writeBehind struct {
	db       *DB
	conn     *sql.Conn // the transaction's connection; nil when nested
	tx       *sql.Tx
	pending  []pendingRow
	ids      map[string][]int64 // reserved, not yet used
	reserved map[string]bool    // tables reserved from in this batch
	// newLeads guesses how many leads the rest of the batch creates: its
	// senders that no contact or lead knows.
	newLeads     int
	pendingLeads int // queued, not yet written

	msgs        map[tripleKey]*crm.Message // by dedupe key; nil: known absent
	refs        map[tripleKey]int64        // stored references; 0: known absent
	pendingRefs map[tripleKey]int64        // queued references, first one kept
	convs       map[int64]*crm.Conversation
	contacts    map[string][]*crm.Contact       // by address, as an admin sees them
	leads       map[string][]*crm.Lead          // by address
	customers   map[int64]*crm.Customer         // of the contacts read
	threads     map[tripleKey]*crm.SenderThread // read or queued; nil: known absent
	domains     map[string][]*crm.Customer      // customers by mail domain, read ahead
	labels      map[string]int64                // label ids by name, found or made in this batch
}

// tripleKey is a channel, an account and a value (an external id or a
// thread reference).
type tripleKey struct{ channel, account, value string }

// pendingRow is one queued write: a row of kind with its arguments.
type pendingRow struct {
	kind *rowKind
	args []any
}

type (
	writeBehindKey struct{}
	directKey      struct{}
)

func newWriteBehind(db *DB, conn *sql.Conn, tx *sql.Tx) *writeBehind {
	return &writeBehind{db: db, conn: conn, tx: tx, ids: map[string][]int64{}, reserved: map[string]bool{},
		msgs: map[tripleKey]*crm.Message{}, refs: map[tripleKey]int64{}, pendingRefs: map[tripleKey]int64{},
		convs: map[int64]*crm.Conversation{}, contacts: map[string][]*crm.Contact{}, leads: map[string][]*crm.Lead{},
		customers: map[int64]*crm.Customer{}, threads: map[tripleKey]*crm.SenderThread{},
		domains: map[string][]*crm.Customer{}, labels: map[string]int64{}}
}

// writeBehindOf returns the batch ctx belongs to, unless ctx is a direct call:
// one the batch makes itself, knowing that the queue does not matter to it.
func writeBehindOf(ctx context.Context) *writeBehind {
	b, _ := ctx.Value(writeBehindKey{}).(*writeBehind)
	if b == nil || ctx.Value(directKey{}) != nil {
		return nil
	}
	return b
}

// direct marks a call that reads or writes only tables the queue never
// touches (contacts, leads, customers …), so it needs no flush.
func direct(ctx context.Context) context.Context { return context.WithValue(ctx, directKey{}, true) }

func (b *writeBehind) queue(k *rowKind, args ...any) {
	b.pending = append(b.pending, pendingRow{kind: k, args: args})
}

// flush sends the queued writes, kind by kind in rank order (rows before
// the rows that refer to them), as multi-row statements.
func (b *writeBehind) flush(ctx context.Context) error {
	if len(b.pending) == 0 {
		return nil
	}
	todo := b.pending
	b.pending, b.pendingLeads = nil, 0
	slices.SortStableFunc(todo, func(x, y pendingRow) int { return cmp.Compare(x.kind.rank, y.kind.rank) })
	var stmts []Stmt
	var kinds []*rowKind
	for len(todo) > 0 {
		k := todo[0].kind
		n := k.chunk(sameKind(todo))
		stmts, kinds = append(stmts, k.stmt(todo[:n])), append(kinds, k)
		todo = todo[n:]
	}
	if i, err := b.db.dialect.ExecAll(ctx, b.conn, b.tx, stmts); err != nil {
		return kinds[i].fail(b.db, err)
	}
	return nil
}

func sameKind(rows []pendingRow) int {
	n := 1
	for n < len(rows) && rows[n].kind == rows[0].kind {
		n++
	}
	return n
}

// beforeWrite readies the batch for a write it does not know about: the
// queue goes first, and what the batch read may change.
func (b *writeBehind) beforeWrite(ctx context.Context) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	b.msgs, b.refs, b.pendingRefs = map[tripleKey]*crm.Message{}, map[tripleKey]int64{}, map[tripleKey]int64{}
	b.convs, b.contacts, b.leads = map[int64]*crm.Conversation{}, map[string][]*crm.Contact{}, map[string][]*crm.Lead{}
	b.customers, b.threads = map[int64]*crm.Customer{}, map[tripleKey]*crm.SenderThread{}
	b.domains = map[string][]*crm.Customer{}
	b.ids, b.reserved = map[string][]int64{}, map[string]bool{} // on SQLite the write may take the next id
	return nil
}
