package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// ingestBatch is the state of one IngestBatch transaction. Round trips,
// not rows, are what an ingested message costs on PostgreSQL, so the batch
//   - reads ahead what its messages will look up (Prefetch), a query per
//     kind of lookup for the whole batch;
//   - queues the writes of conversations, messages and their parts, thread
//     references and cursors, giving new rows ids reserved up front, and
//     sends the queue at the end in one go (Dialect.ExecAll).
//
// The rule that keeps this invisible: every read sees every earlier write.
// The batch's own reads answer from what it read and queued (the overlay);
// any other store call made with the batch's ctx first flushes the queue,
// and a write through it also drops what the batch read.
type ingestBatch struct {
	db       *DB
	conn     *sql.Conn // the transaction's connection; nil when nested
	tx       *sql.Tx
	size     int // messages announced by Prefetch
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
	contacts    map[string][]*crm.Contact // by address, as an admin sees them
	leads       map[string][]*crm.Lead    // by address
	customers   map[int64]*crm.Customer   // of the contacts read
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
	batchKey  struct{}
	directKey struct{}
)

func newIngestBatch(db *DB, conn *sql.Conn, tx *sql.Tx) *ingestBatch {
	return &ingestBatch{db: db, conn: conn, tx: tx, ids: map[string][]int64{}, reserved: map[string]bool{},
		msgs: map[tripleKey]*crm.Message{}, refs: map[tripleKey]int64{}, pendingRefs: map[tripleKey]int64{},
		convs: map[int64]*crm.Conversation{}, contacts: map[string][]*crm.Contact{}, leads: map[string][]*crm.Lead{},
		customers: map[int64]*crm.Customer{}}
}

// batchOf returns the batch ctx belongs to, unless ctx is a direct call:
// one the batch makes itself, knowing that the queue does not matter to it.
func batchOf(ctx context.Context) *ingestBatch {
	b, _ := ctx.Value(batchKey{}).(*ingestBatch)
	if b == nil || ctx.Value(directKey{}) != nil {
		return nil
	}
	return b
}

// direct marks a call that reads or writes only tables the queue never
// touches (contacts, leads, customers …), so it needs no flush.
func direct(ctx context.Context) context.Context { return context.WithValue(ctx, directKey{}, true) }

func (b *ingestBatch) queue(k *rowKind, args ...any) {
	b.pending = append(b.pending, pendingRow{kind: k, args: args})
}

// flush sends the queued writes, kind by kind in rank order (rows before
// the rows that refer to them), as multi-row statements.
func (b *ingestBatch) flush(ctx context.Context) error {
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
func (b *ingestBatch) beforeWrite(ctx context.Context) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	b.msgs, b.refs, b.pendingRefs = map[tripleKey]*crm.Message{}, map[tripleKey]int64{}, map[tripleKey]int64{}
	b.convs, b.contacts, b.leads = map[int64]*crm.Conversation{}, map[string][]*crm.Contact{}, map[string][]*crm.Lead{}
	b.customers = map[int64]*crm.Customer{}
	b.ids, b.reserved = map[string][]int64{}, map[string]bool{} // on SQLite the write may take the next id
	return nil
}

// Tables whose ids the batch reserves.
const (
	convTable = "conversations"
	msgTable  = "messages"
	leadTable = "leads"
)

// reserveQuery is the query that reserves n ids of each table.
func (b *ingestBatch) reserveQuery(n int, tables ...string) Query {
	return b.reserveQueryFor("CAST($1 AS INTEGER)", []any{n}, tables...)
}

// reserveQueryFor reserves as many ids of each table as the SQL
// expression count (with args) says.
func (b *ingestBatch) reserveQueryFor(count string, args []any, tables ...string) Query {
	row := make([]int64, len(tables))
	dest := make([]any, len(tables))
	for i, t := range tables {
		dest[i] = &row[i]
		b.reserved[t] = true
	}
	return Query{SQL: b.db.dialect.ReserveIDs(count, tables...), Args: args, Row: func(r Scanner) error {
		if err := r.Scan(dest...); err != nil {
			return err
		}
		for i, t := range tables {
			b.ids[t] = append(b.ids[t], row[i])
		}
		return nil
	}}
}

// run runs qs (one round trip on PostgreSQL); op names them in errors.
func (b *ingestBatch) run(ctx context.Context, op string, qs ...Query) error {
	_, err := b.db.dialect.QueryAll(ctx, b.conn, b.tx, qs)
	return b.db.wrap(err, op)
}

// nextID returns a reserved id of table. When there is none it reserves
// more: one, or for leads as many as the batch may still create. A second
// reserve in a batch comes after the queue is written: on SQLite a reserve
// starts after the highest row.
func (b *ingestBatch) nextID(ctx context.Context, table string) (int64, error) {
	if len(b.ids[table]) == 0 {
		if b.reserved[table] {
			if err := b.flush(ctx); err != nil {
				return 0, err
			}
		}
		n := 1
		if table == leadTable {
			n = max(1, b.newLeads)
		}
		if err := b.run(ctx, "reserve ids", b.reserveQuery(n, table)); err != nil {
			return 0, err
		}
	}
	id := b.ids[table][0]
	b.ids[table] = b.ids[table][1:]
	return id, nil
}
