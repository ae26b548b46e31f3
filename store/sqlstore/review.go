package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ReviewStore = (*DB)(nil)

// ReviewQueue returns the conversations v may see that need review, oldest
// first, each with its candidates.
func (db *DB) ReviewQueue(ctx context.Context, v crm.Viewer, p crm.Page) (l crm.List[*crm.ReviewItem], err error) {
	p = p.Clamp()
	w := &where{}
	w.and("v.needs_review = " + w.arg(true))
	w.and("v.id > " + w.arg(p.After))
	w.visible(v, "v.assignee_id")
	err = db.view(ctx, func(q querier) error {
		convs, err := queryAll(ctx, q, scanConversation, `SELECT `+conversationCols+` FROM conversations v`+
			w.String()+` ORDER BY v.id LIMIT `+itoa(p.Limit+1), w.args...)
		if err != nil {
			return db.wrap(err, "review queue")
		}
		items := make([]*crm.ReviewItem, len(convs))
		byID := make(map[int64]*crm.ReviewItem, len(convs))
		for i, c := range convs {
			items[i] = &crm.ReviewItem{Conversation: c, Candidates: []crm.Candidate{}}
			byID[c.ID] = items[i]
		}
		l = crm.NewList(items, p.Limit, func(it *crm.ReviewItem) int64 { return it.Conversation.ID })
		return db.loadCandidates(ctx, q, byID)
	})
	return l, err
}

// loadCandidates reads the candidates of a page of conversations in one
// query.
func (db *DB) loadCandidates(ctx context.Context, q querier, byID map[int64]*crm.ReviewItem) error {
	if len(byID) == 0 {
		return nil
	}
	w := &where{}
	ph := make([]string, 0, len(byID))
	for id := range byID {
		ph = append(ph, w.arg(id))
	}
	rows, err := q.QueryContext(ctx, `SELECT conversation_id, kind, target_id, rule, value, label
		FROM review_candidates WHERE conversation_id IN (`+strings.Join(ph, ", ")+`)
		ORDER BY conversation_id, kind, target_id`, w.args...)
	if err != nil {
		return db.wrap(err, "load candidates")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c crm.Candidate
		if err := rows.Scan(&id, &c.Kind, &c.ID, &c.Rule, &c.Value, &c.Label); err != nil {
			return db.wrap(err, "scan candidate")
		}
		byID[id].Candidates = append(byID[id].Candidates, c)
	}
	return db.wrap(rows.Err(), "load candidates")
}

// ResolveReview links a conversation and its messages to the records a rep
// chose, clears its review flag and candidates, and audits the change.
func (db *DB) ResolveReview(ctx context.Context, v crm.Viewer, r crm.Relink) (c *crm.Conversation, err error) {
	if r.ContactID == nil && r.CustomerID == nil && r.LeadID == nil {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Choose a record.",
			Fields: map[string]string{"contact_id": "choose a contact, a customer or a lead"}}
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if c, err = db.Conversation(ctx, v, r.ConversationID); err != nil {
			return err
		}
		if err := db.applyRelink(ctx, v, c, r); err != nil {
			return err
		}
		if err := db.UpdateConversation(ctx, c); err != nil {
			return err
		}
		if err := db.SetReviewCandidates(ctx, c.ID, nil); err != nil {
			return err
		}
		if err := db.relinkMessages(ctx, tx, v, c); err != nil {
			return err
		}
		return db.audit(ctx, v, "conversation.relink", crm.Ref{Kind: crm.RefConversation, ID: c.ID}, relinkDetail(c, r.Note))
	})
	return c, err
}

// applyRelink checks that v may see each chosen record and sets it on c; a
// chosen contact brings its customer unless one was chosen too.
func (db *DB) applyRelink(ctx context.Context, v crm.Viewer, c *crm.Conversation, r crm.Relink) error {
	if r.ContactID != nil {
		ct, err := db.Contact(ctx, v, *r.ContactID)
		if err != nil {
			return err
		}
		c.ContactID = &ct.ID
		if r.CustomerID == nil {
			c.CustomerID = ct.CustomerID
		}
	}
	if r.CustomerID != nil {
		if _, err := db.Customer(ctx, v, *r.CustomerID); err != nil {
			return err
		}
		c.CustomerID = r.CustomerID
	}
	if r.LeadID != nil {
		if _, err := db.Lead(ctx, v, *r.LeadID); err != nil {
			return err
		}
		c.LeadID = r.LeadID
	}
	c.NeedsReview = false
	return nil
}

// relinkMessages replaces the sender's person and company links of every
// message in the conversation with the reviewed ones, recording who decided.
func (db *DB) relinkMessages(ctx context.Context, tx *sql.Tx, v crm.Viewer, c *crm.Conversation) error {
	// A colleague the message copied (RuleCc) is not who it is from: kept.
	// So is the link that says a message made the lead the conversation
	// keeps: it is that lead's source (its SourceMessageID).
	kept := int64(0)
	if c.LeadID != nil {
		kept = *c.LeadID
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM message_links WHERE kind IN ('contact', 'customer', 'lead')
		AND rule <> $2 AND NOT (kind = 'lead' AND rule = $3 AND target_id = $4)
		AND message_id IN (SELECT id FROM messages WHERE conversation_id = $1)`, c.ID, crm.RuleCc, crm.RuleNewLead, kept)
	if err != nil {
		return db.wrap(err, "clear links")
	}
	value := fmt.Sprintf("user %d", v.UserID)
	for _, l := range []struct {
		kind string
		id   *int64
	}{{crm.RefContact, c.ContactID}, {crm.RefCustomer, c.CustomerID}, {crm.RefLead, c.LeadID}} {
		if l.id == nil {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO message_links (message_id, kind, target_id, rule, value)
			SELECT id, $1, $2, $3, $4 FROM messages m WHERE conversation_id = $5 AND NOT EXISTS (
				SELECT 1 FROM message_links k WHERE k.message_id = m.id AND k.kind = $1 AND k.target_id = $2)`,
			l.kind, *l.id, crm.RuleReview, value, c.ID)
		if err != nil {
			return db.wrap(err, "relink messages")
		}
	}
	return nil
}

func relinkDetail(c *crm.Conversation, note string) string {
	d := fmt.Sprintf("contact=%s customer=%s lead=%s", idText(c.ContactID), idText(c.CustomerID), idText(c.LeadID))
	if note != "" {
		d += "; " + note
	}
	return d
}

func idText(p *int64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

// audit records a change made by v (nil actor for Rapport itself).
func (db *DB) audit(ctx context.Context, v crm.Viewer, action string, subject crm.Ref, detail string) error {
	e := &crm.AuditEntry{Action: action, Subject: subject, Detail: detail}
	if v.UserID != 0 {
		id := v.UserID
		e.ActorID = &id
	}
	return db.Audit(ctx, e)
}
