package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// ingestTx is the crm.IngestTx of a batch: the DB's methods, with the
// batch's overlay and write queue in front of the hot ones.
type ingestTx struct {
	db *DB
	b  *writeBehind
}

var _ crm.IngestPrefetcher = (*ingestTx)(nil)

// CreateConversation queues c under a reserved id.
func (t *ingestTx) CreateConversation(ctx context.Context, c *crm.Conversation) error {
	id, err := t.b.nextID(ctx, convTable)
	if err != nil {
		return err
	}
	if c.Labels == nil {
		c.Labels = []string{}
	}
	c.ID, c.CreatedAt, c.LastMessageAt = id, utc(c.CreatedAt), utc(c.LastMessageAt)
	t.b.queue(convRow, conversationArgs(c)...)
	t.b.convs[c.ID] = storedConversation(c)
	return nil
}

// UpdateConversation queues the update of a conversation the batch knows;
// any other goes straight to the database, which says if it exists.
func (t *ingestTx) UpdateConversation(ctx context.Context, c *crm.Conversation) error {
	old, ok := t.b.convs[c.ID]
	if !ok {
		return t.db.UpdateConversation(ctx, c)
	}
	if c.Labels == nil {
		c.Labels = []string{}
	}
	t.b.queue(convUpdate, updateConversationArgs(c)...)
	upd := storedConversation(c)
	upd.Channel, upd.Account, upd.CreatedAt = old.Channel, old.Account, old.CreatedAt // not updated
	t.b.convs[c.ID] = upd
	return nil
}

// CreateMessage queues m, its raw bytes and links under a reserved id.
// Attachment metadata is written at once (no queued row needs it first).
func (t *ingestTx) CreateMessage(ctx context.Context, m *crm.Message, raw []byte) error {
	key := tripleKey{m.Channel, m.Account, m.ExternalID}
	if old := t.b.msgs[key]; old != nil {
		return crm.Errorf(crm.ECONFLICT, "This message is stored already.")
	}
	for i := range m.Attachments {
		if a := &m.Attachments[i]; a.ID == 0 {
			if err := t.db.CreateAttachment(direct(ctx), a); err != nil {
				return err
			}
		}
	}
	id, err := t.b.nextID(ctx, msgTable)
	if err != nil {
		return err
	}
	m.ID, m.SentAt, m.CreatedAt = id, utc(m.SentAt), utc(m.CreatedAt)
	t.b.queue(messageRow, messageArgs(m)...)
	if len(raw) > 0 {
		t.b.queue(rawRow, m.ID, raw)
	}
	for _, l := range m.Links {
		t.b.queue(linkRow, m.ID, l.Kind, l.TargetID, l.Rule, l.Value)
	}
	for _, a := range m.Attachments {
		t.b.queue(attachRow, a.ID, crm.RefMessage, m.ID)
	}
	t.b.msgs[key] = storedMessage(m)
	return nil
}

// AddReferences queues thread references; a reference stored or queued
// before keeps its first conversation (the insert does nothing).
func (t *ingestTx) AddReferences(_ context.Context, channel, account string, conversationID int64, refs []string) error {
	for _, r := range dedupe(refs) {
		if r == "" || len(r) > 998 {
			continue
		}
		t.b.queue(refRow, channel, account, r, conversationID)
		k := tripleKey{channel, account, r}
		if t.b.pendingRefs[k] == 0 {
			t.b.pendingRefs[k] = conversationID
		}
	}
	return nil
}

// SaveCursor queues an adapter's position; a later one in the batch wins.
func (t *ingestTx) SaveCursor(_ context.Context, c crm.Cursor) error {
	t.b.queue(cursorRow, c.Channel, c.Account, c.Name, c.Value, t.db.now())
	return nil
}

// SetReviewCandidates is rare: written after the queue.
func (t *ingestTx) SetReviewCandidates(ctx context.Context, conversationID int64, cs []crm.Candidate) error {
	return t.db.SetReviewCandidates(ctx, conversationID, cs)
}

// CreateContact writes at once (its id is needed now) and forgets the
// contacts read by its addresses, which it joins.
func (t *ingestTx) CreateContact(ctx context.Context, c *crm.Contact) error {
	if err := t.db.CreateContact(direct(ctx), c); err != nil {
		return err
	}
	for _, e := range c.Emails {
		delete(t.b.contacts, e)
	}
	return nil
}

// CreateLead queues l under a reserved id, and adds it to the leads read
// by its address. Its owner is checked by the foreign key.
func (t *ingestTx) CreateLead(ctx context.Context, l *crm.Lead) error {
	if err := l.Normalize(t.db.region); err != nil {
		return err
	}
	id, err := t.b.nextID(ctx, leadTable)
	if err != nil {
		return err
	}
	now := t.db.now()
	l.ID, l.CreatedAt, l.UpdatedAt = id, now, now
	l.LastFollowUpAt, l.ClaimedAt = normTime(l.LastFollowUpAt), normTime(l.ClaimedAt)
	t.b.queue(leadRow, leadArgs(l)...)
	for _, name := range l.Tags {
		// A form's tags are the same on each of its leads: once a batch.
		label, ok := t.b.labels[name]
		if !ok {
			ids, err := t.db.labelIDs(direct(ctx), t.b.tx, []string{name})
			if err != nil {
				return err
			}
			label, t.b.labels[name] = ids[0], ids[0]
		}
		t.b.queue(leadLabelRow, l.ID, label)
	}
	t.b.pendingLeads++
	t.b.newLeads--
	if ls, ok := t.b.leads[l.Email]; ok && len(ls) < matchLimit {
		c := *l
		t.b.leads[l.Email] = append(ls, &c) // the highest id: last
	}
	return nil
}

// NextAssignee counts leads: after the queued ones are written.
func (t *ingestTx) NextAssignee(ctx context.Context, teamID int64) (*int64, error) {
	return t.db.NextAssignee(t.leadsCtx(ctx), teamID)
}

// leadsCtx is the ctx for a read of leads: direct unless leads are queued.
func (t *ingestTx) leadsCtx(ctx context.Context) context.Context {
	if t.b.pendingLeads > 0 {
		return ctx
	}
	return direct(ctx)
}
