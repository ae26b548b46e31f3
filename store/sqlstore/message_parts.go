package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// loadParts reads the links and attachments of msgs, one query each.
func (db *DB) loadParts(ctx context.Context, q querier, msgs []*crm.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	byID := make(map[int64]*crm.Message, len(msgs))
	w := &where{}
	ph := make([]string, len(msgs))
	for i, m := range msgs {
		byID[m.ID], ph[i] = m, w.arg(m.ID)
		m.Links, m.Attachments = []crm.Link{}, []crm.Attachment{}
	}
	in := "(" + strings.Join(ph, ", ") + ")"
	if err := db.loadLinks(ctx, q, byID, in, w.args); err != nil {
		return err
	}
	return db.loadAttachments(ctx, q, byID, in, w.args)
}

func (db *DB) loadLinks(ctx context.Context, q querier, byID map[int64]*crm.Message, in string, args []any) error {
	// A link to an order of kind contract reads as a contract link.
	rows, err := q.QueryContext(ctx, `SELECT ml.message_id,
		CASE WHEN o.kind = 'contract' THEN 'contract' ELSE ml.kind END, ml.target_id, ml.rule, ml.value
		FROM message_links ml LEFT JOIN orders o ON ml.kind = 'order' AND o.id = ml.target_id
		WHERE ml.message_id IN `+in+` ORDER BY ml.message_id, ml.id`, args...)
	if err != nil {
		return db.wrap(err, "load links")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l crm.Link
		if err := rows.Scan(&id, &l.Kind, &l.TargetID, &l.Rule, &l.Value); err != nil {
			return db.wrap(err, "scan link")
		}
		byID[id].Links = append(byID[id].Links, l)
	}
	return db.wrap(rows.Err(), "load links")
}

func (db *DB) loadAttachments(ctx context.Context, q querier, byID map[int64]*crm.Message, in string, args []any) error {
	rows, err := q.QueryContext(ctx, `SELECT x.ref_id, `+attachmentCols+` FROM attachment_refs x
		JOIN attachments a ON a.id = x.attachment_id
		WHERE x.kind = '`+crm.RefMessage+`' AND x.ref_id IN `+in+` ORDER BY x.ref_id, x.id`, args...)
	if err != nil {
		return db.wrap(err, "load attachments")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		a := &crm.Attachment{}
		if err := rows.Scan(append([]any{&id}, attachmentDest(a)...)...); err != nil {
			return db.wrap(err, "scan attachment")
		}
		byID[id].Attachments = append(byID[id].Attachments, *a)
	}
	return db.wrap(rows.Err(), "load attachments")
}
