package sqlstore

import (
	"strconv"
	"strings"
)

// rowKind is a kind of row an ingest batch queues: its one-row statement
// and, for an INSERT, the multi-row form that writes many in one.
type rowKind struct {
	rank     int    // flush order: a row comes after those it refers to
	sql      string // the one-row statement
	multi    bool   // sql is an INSERT … VALUES (…) that takes many rows
	op       string // names it in errors
	conflict string // ECONFLICT's message for a unique violation; "": none
}

var (
	leadRow    = &rowKind{rank: 0, sql: insertLeadWithIDSQL, multi: true, op: "create lead"}
	convRow    = &rowKind{rank: 1, sql: insertConversationWithIDSQL, multi: true, op: "create conversation"}
	convUpdate = &rowKind{rank: 2, sql: updateConversationSQL, op: "update conversation"}
	messageRow = &rowKind{rank: 3, sql: insertMessageWithIDSQL, multi: true, op: "create message",
		conflict: "This message is stored already."}
	rawRow    = &rowKind{rank: 4, sql: insertRawSQL, multi: true, op: "store raw message"}
	linkRow   = &rowKind{rank: 5, sql: insertLinkSQL, multi: true, op: "link message"}
	attachRow = &rowKind{rank: 6, sql: attachSQL, multi: true, op: "attach to message"}
	refRow    = &rowKind{rank: 7, sql: addRefSQL, multi: true, op: "add reference"}
	// A cursor saved twice in one statement would be an error ("cannot
	// affect row a second time"): one statement each, the last one wins.
	cursorRow = &rowKind{rank: 8, sql: saveCursorSQL, op: "save cursor"}
	// A sender's first thread (one row per sender), then its changes.
	threadRow = &rowKind{rank: 9, sql: insertSenderThreadSQL, multi: true, op: "create sender thread",
		conflict: senderThreadTaken}
	threadUpdate = &rowKind{rank: 10, sql: updateSenderThreadSQL, op: "update sender thread"}
	// A new lead's labels (a web form's tags), after the lead.
	leadLabelRow = &rowKind{rank: 11, sql: `INSERT INTO lead_labels (lead_id, label_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		multi: true, op: "label lead"}
)

// chunkSizes are the row counts of multi-row statements: a few statement
// texts per kind, so that each is prepared once and stays cached.
var chunkSizes = []int{64, 16, 4, 1}

// chunk returns how many of n queued rows the next statement writes.
func (k *rowKind) chunk(n int) int {
	if !k.multi {
		return 1
	}
	for _, c := range chunkSizes {
		if n >= c {
			return c
		}
	}
	return 1
}

// stmt is the statement writing rows (as many as chunk said).
func (k *rowKind) stmt(rows []pendingRow) Stmt {
	if len(rows) == 1 {
		return Stmt{SQL: k.sql, Args: rows[0].args}
	}
	i := strings.Index(k.sql, "VALUES (") + len("VALUES ")
	j := i + strings.IndexByte(k.sql[i:], ')') + 1
	var b strings.Builder
	b.WriteString(k.sql[:i])
	var args []any
	for r, row := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c, a := range row.args {
			if c > 0 {
				b.WriteString(", ")
			}
			args = append(args, a)
			b.WriteString("$" + strconv.Itoa(len(args)))
		}
		b.WriteByte(')')
	}
	b.WriteString(k.sql[j:])
	return Stmt{SQL: b.String(), Args: args}
}

// fail turns the statement's error into the store's.
func (k *rowKind) fail(db *DB, err error) error {
	if k.conflict != "" {
		return db.conflict(err, k.op, k.conflict)
	}
	return db.wrap(err, k.op)
}
