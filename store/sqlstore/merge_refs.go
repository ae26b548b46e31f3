package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// repoint moves foreign keys ("table.column", constants only) from one id to
// another.
func (db *DB) repoint(ctx context.Context, tx *sql.Tx, from, to int64, cols ...string) error {
	for _, tc := range cols {
		table, col, _ := strings.Cut(tc, ".")
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+col+` = $1 WHERE `+col+` = $2`, to, from); err != nil {
			return db.wrap(err, "repoint "+tc)
		}
	}
	return nil
}

// refIndex is a child table that says which records a row concerns.
type refIndex struct{ owner, table, col string }

var refIndexes = []refIndex{
	{"tasks", "task_refs", "task_id"},
	{"followups", "followup_refs", "followup_id"},
	{"", "attachment_refs", "attachment_id"},
}

// moveRefs makes everything that referred to (kind, from) refer to (kind,
// to): message links, review candidates, task, follow-up and attachment refs
// (with the tasks' and follow-ups' own lists of refs kept in step).
func (db *DB) moveRefs(ctx context.Context, tx *sql.Tx, kind string, from, to int64) error {
	for _, t := range []string{"message_links", "review_candidates"} {
		_, err := tx.ExecContext(ctx, `UPDATE `+t+` SET target_id = $1 WHERE kind = $2 AND target_id = $3`, to, kind, from)
		if err != nil {
			return db.wrap(err, "move "+t)
		}
	}
	for _, ix := range refIndexes {
		if err := db.moveIndexRefs(ctx, tx, ix, kind, from, to); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) moveIndexRefs(ctx context.Context, tx *sql.Tx, ix refIndex, kind string, from, to int64) error {
	if ix.owner != "" {
		if err := db.rewriteRefLists(ctx, tx, ix, kind, from, to); err != nil {
			return err
		}
	}
	// A row that refers to both keeps one reference.
	_, err := tx.ExecContext(ctx, `DELETE FROM `+ix.table+` WHERE kind = $1 AND ref_id = $2 AND `+ix.col+
		` IN (SELECT `+ix.col+` FROM `+ix.table+` WHERE kind = $1 AND ref_id = $3)`, kind, from, to)
	if err != nil {
		return db.wrap(err, "drop double refs")
	}
	_, err = tx.ExecContext(ctx, `UPDATE `+ix.table+` SET ref_id = $1 WHERE kind = $2 AND ref_id = $3`, to, kind, from)
	return db.wrap(err, "move "+ix.table)
}

// rewriteRefLists updates the JSON list of refs kept on each task or
// follow-up that refers to (kind, from).
func (db *DB) rewriteRefLists(ctx context.Context, tx *sql.Tx, ix refIndex, kind string, from, to int64) error {
	type row struct {
		id   int64
		refs []crm.Ref
	}
	rows, err := queryAll(ctx, tx, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.id, jsonCol{&x.refs})
	}, `SELECT o.id, o.refs FROM `+ix.owner+` o JOIN `+ix.table+` x ON x.`+ix.col+` = o.id
		WHERE x.kind = $1 AND x.ref_id = $2`, kind, from)
	if err != nil {
		return db.wrap(err, "read ref lists")
	}
	for _, r := range rows {
		for i := range r.refs {
			if r.refs[i] == (crm.Ref{Kind: kind, ID: from}) {
				r.refs[i].ID = to
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+ix.owner+` SET refs = $1 WHERE id = $2`, jsonArg(dedupe(r.refs)), r.id); err != nil {
			return db.wrap(err, "write ref list")
		}
	}
	return nil
}
