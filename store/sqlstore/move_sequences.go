package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/rapport-crm/rapport/crm"
)

// readSequences returns the last id handed out per table: SQLite's
// sqlite_sequence, PostgreSQL's identity sequences.
func (db *DB) readSequences(ctx context.Context, q querier, tables []movedTable) (map[string]int64, error) {
	out := map[string]int64{}
	if db.dialect.Name() != "postgres" {
		type seq struct {
			name string
			n    int64
		}
		rows, err := queryAll(ctx, q, func(r scanner) (s seq, err error) { return s, r.Scan(&s.name, &s.n) },
			`SELECT name, seq FROM sqlite_sequence`)
		for _, s := range rows {
			if moveRoles[s.name].movesRows() {
				out[s.name] = s.n
			}
		}
		return out, err
	}
	for _, t := range tables {
		if hasNoID(t.MoveTable) {
			continue
		}
		var n sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT s.last_value FROM pg_sequences s
			WHERE quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) = pg_get_serial_sequence(quote_ident($1), 'id')`,
			t.Name).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("export: the sequence of %s: %w", t.Name, err)
		}
		out[t.Name] = n.Int64 // NULL: none handed out yet
	}
	return out, nil
}

func hasNoID(t crm.MoveTable) bool {
	for _, c := range t.Columns {
		if c.Name == "id" {
			return false
		}
	}
	return true
}

// writeSequences makes the target continue each table's ids after the
// larger of the source's last id and the largest id imported. On SQLite,
// inserting explicit ids already moved sqlite_sequence to the largest.
func (db *DB) writeSequences(ctx context.Context, tx *sql.Tx, tables []crm.MoveTable, seqs map[string]int64) error {
	for _, t := range tables {
		table, n := t.Name, seqs[t.Name]
		if _, ok := seqs[table]; hasNoID(t) || (!ok && db.dialect.Name() != "postgres") {
			continue
		}
		var err error
		if db.dialect.Name() == "postgres" {
			_, err = tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(quote_ident($1), 'id'),
				greatest($2::bigint, (SELECT max(id) FROM `+quoteIdent(table)+`)), true)
				WHERE greatest($2::bigint, (SELECT max(id) FROM `+quoteIdent(table)+`)) > 0`, table, n)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, $2) WHERE name = $1`, table, n)
			if err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
					SELECT $1, $2 WHERE $2 > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = $1)
					AND EXISTS (SELECT 1 FROM sqlite_master WHERE name = $1 AND sql LIKE '%AUTOINCREMENT%')`, table, n)
			}
		}
		if err != nil {
			return fmt.Errorf("import: set the ids of %s to go on after %d: %w", table, n, err)
		}
	}
	return nil
}
