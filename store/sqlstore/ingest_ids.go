package sqlstore

import "context"

// Tables whose ids the batch reserves.
const (
	convTable = "conversations"
	msgTable  = "messages"
	leadTable = "leads"
)

// reserveQuery is the query that reserves n ids of each table.
func (b *writeBehind) reserveQuery(n int, tables ...string) Query {
	return b.reserveQueryFor("CAST($1 AS INTEGER)", []any{n}, tables...)
}

// reserveQueryFor reserves as many ids of each table as the SQL
// expression count (with args) says.
func (b *writeBehind) reserveQueryFor(count string, args []any, tables ...string) Query {
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
func (b *writeBehind) run(ctx context.Context, op string, qs ...Query) error {
	_, err := b.db.dialect.QueryAll(ctx, b.conn, b.tx, qs)
	return b.db.wrap(err, op)
}

// nextID returns a reserved id of table. When there is none it reserves
// more: one, or for leads as many as the batch may still create. A second
// reserve in a batch comes after the queue is written: on SQLite a reserve
// starts after the highest row.
func (b *writeBehind) nextID(ctx context.Context, table string) (int64, error) {
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
