package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Timeline reads one page of a customer's, contact's or lead's timeline:
// a UNION ALL of its messages, follow-ups, tasks, orders, payments and
// audited changes, each part filtered as its own list is for the viewer,
// sorted newest first and cut at the cursor (at, kind, id).
func (db *DB) Timeline(ctx context.Context, q crm.TimelineQuery) (crm.Timeline, error) {
	w := &where{}
	parts, err := timelineParts(w, q.Viewer, q.Subject)
	if err != nil {
		return crm.Timeline{}, err
	}
	cut := ""
	if q.Cursor != "" {
		at, kind, id, err := parseTimelineCursor(q.Cursor)
		if err != nil {
			return crm.Timeline{}, err
		}
		a, k, i := w.arg(at), w.arg(kind), w.arg(id)
		cut = " WHERE (t.at < " + a + " OR (t.at = " + a + " AND (t.kind < " + k + " OR (t.kind = " + k + " AND t.id < " + i + "))))"
	}
	limit := crm.Page{Limit: q.Limit}.Clamp().Limit
	sql := `SELECT t.kind, t.id, t.at, t.title, t.body, t.amount, t.ref, t.tag FROM (` + strings.Join(parts, " UNION ALL ") +
		`) t` + cut + ` ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ` + itoa(limit+1)
	var items []crm.TimelineEntry
	err = db.view(ctx, func(qr querier) error {
		items, err = queryAll(ctx, qr, scanTimelineEntry, sql, w.args...)
		return db.wrap(err, "timeline")
	})
	out := crm.Timeline{Items: items}
	if len(items) > limit {
		out.Items = items[:limit]
		last := items[limit-1]
		out.Next = last.At.UTC().Format(time.RFC3339Nano) + "|" + last.Kind + "|" + strconv.FormatInt(last.ID, 10)
	}
	if out.Items == nil {
		out.Items = []crm.TimelineEntry{}
	}
	return out, err
}

func scanTimelineEntry(s scanner) (crm.TimelineEntry, error) {
	var e crm.TimelineEntry
	err := s.Scan(&e.Kind, &e.ID, tm{&e.At}, &e.Title, &e.Text, &e.Amount, &e.Ref, &e.Tag)
	return e, err
}

// parseTimelineCursor reads "at|kind|id".
func parseTimelineCursor(c string) (time.Time, string, int64, error) {
	bad := crm.Errorf(crm.EINVALID, "cursor: not a timeline's next")
	parts := strings.Split(c, "|")
	if len(parts) != 3 {
		return time.Time{}, "", 0, bad
	}
	at, err1 := time.Parse(time.RFC3339Nano, parts[0])
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return time.Time{}, "", 0, bad
	}
	return utc(at), parts[1], id, nil
}

// timelineParts are the SELECTs of the subject's entries, one per kind.
func timelineParts(w *where, v crm.Viewer, subj crm.Ref) ([]string, error) {
	id := w.arg(subj.ID)
	var convs, refs, audit string
	var money []string
	switch subj.Kind {
	case crm.RefCustomer:
		contacts := "(SELECT id FROM contacts WHERE customer_id = " + id + ")"
		leads := "(SELECT lead_id FROM lead_conversions WHERE customer_id = " + id + ")"
		convs = "(v.customer_id = " + id + " OR v.contact_id IN " + contacts + ")"
		refs = "((r.kind = 'customer' AND r.ref_id = " + id + ") OR (r.kind = 'contact' AND r.ref_id IN " + contacts +
			") OR (r.kind = 'lead' AND r.ref_id IN " + leads + "))"
		audit = "((a.subject_kind = 'customer' AND a.subject_id = " + id + ") OR (a.subject_kind = 'lead' AND a.subject_id IN " + leads + "))"
		money = timelineMoney(w, v, id)
	case crm.RefContact:
		leads := "(SELECT lead_id FROM lead_conversions WHERE contact_id = " + id + ")"
		convs = "v.contact_id = " + id
		refs = "((r.kind = 'contact' AND r.ref_id = " + id + ") OR (r.kind = 'lead' AND r.ref_id IN " + leads + "))"
		audit = "((a.subject_kind = 'contact' AND a.subject_id = " + id + ") OR (a.subject_kind = 'lead' AND a.subject_id IN " + leads + "))"
	case crm.RefLead:
		convs = "v.lead_id = " + id
		refs = "(r.kind = 'lead' AND r.ref_id = " + id + ")"
		audit = "(a.subject_kind = 'lead' AND a.subject_id = " + id + ")"
	default:
		return nil, crm.Errorf(crm.EINVALID, "a timeline is a customer's, a contact's or a lead's")
	}
	seeConv, seeFollowUp, seeTask := timelineSees(w, v, "v.assignee_id"), timelineSees(w, v, "f.user_id"), timelineSees(w, v, "t.assignee_id")
	return append([]string{
		`SELECT 'message' AS kind, m.id AS id, m.created_at AS at, m.subject AS title, substr(m.text, 1, 200) AS body,
			0 AS amount, m.conversation_id AS ref, m.direction AS tag
		FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE ` + convs + seeConv,
		`SELECT 'followup', f.id, f.at, f.result, substr(f.details, 1, 200), 0, 0, f.method FROM followups f
		WHERE f.id IN (SELECT r.followup_id FROM followup_refs r WHERE ` + refs + `)` + seeFollowUp,
		`SELECT 'task', t.id, t.created_at, t.title, substr(t.details, 1, 200), 0, 0, t.status FROM tasks t
		WHERE t.id IN (SELECT r.task_id FROM task_refs r WHERE ` + refs + `)` + seeTask,
		`SELECT 'change', a.id, a.at, a.action, a.detail, 0, 0, '' FROM audit_log a WHERE ` + audit,
	}, money...), nil
}

// timelineMoney are a customer's orders and payments, seen by the order's
// owner or the customer's (see visibleOrder).
func timelineMoney(w *where, v crm.Viewer, id string) []string {
	see := ""
	if !v.SeesAll() {
		see = " AND (" + w.owns(v, "o.owner_id", true) + " OR EXISTS (SELECT 1 FROM customers cu WHERE cu.id = o.customer_id AND " +
			w.owns(v, "cu.owner_id", false) + "))"
	}
	return []string{
		`SELECT 'order', o.id, o.created_at, o.number, o.title, o.amount, 0, o.kind FROM orders o WHERE o.customer_id = ` + id + see,
		`SELECT 'payment', p.id, p.paid_at, o.number, p.notes, p.amount, o.id, p.method FROM payments p
		JOIN orders o ON o.id = p.order_id WHERE o.customer_id = ` + id + see,
	}
}

// timelineSees is " AND <v may see the row owned by col>", or "".
func timelineSees(w *where, v crm.Viewer, col string) string {
	if v.SeesAll() {
		return ""
	}
	return " AND " + w.owns(v, col, true)
}

var _ crm.TimelineStore = (*DB)(nil)
