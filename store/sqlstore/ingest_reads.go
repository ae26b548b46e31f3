package sqlstore

import (
	"context"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// The batch's reads. Those of tables the queue writes (messages,
// conversations, references) answer from the overlay, which holds every
// queued row, or else from the database, which then holds all there is.
// The others go to the database directly when the queue holds none of
// theirs (leads may be queued: then after it is written).

// MessageByExternalID finds a stored or queued message by its dedupe key.
func (t *ingestTx) MessageByExternalID(ctx context.Context, channel, account, externalID string) (*crm.Message, error) {
	key := tripleKey{channel, account, externalID}
	m, ok := t.b.msgs[key]
	if !ok {
		var err error
		m, err = t.db.MessageByExternalID(direct(ctx), channel, account, externalID)
		if err != nil && !crm.IsNotFound(err) {
			return nil, err
		}
		t.b.msgs[key] = m
	}
	if m == nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "Message not found.")
	}
	return cloneMessage(m), nil
}

// ConversationByReference: a stored reference first (the insert of a
// queued one for the same reference does nothing), then a queued one.
func (t *ingestTx) ConversationByReference(ctx context.Context, channel, account, ref string) (int64, error) {
	key := tripleKey{channel, account, ref}
	id, ok := t.b.refs[key]
	if !ok {
		var err error
		id, err = t.db.ConversationByReference(direct(ctx), channel, account, ref)
		if err != nil && !crm.IsNotFound(err) {
			return 0, err
		}
		t.b.refs[key] = id
	}
	if id == 0 {
		id = t.b.pendingRefs[key]
	}
	if id == 0 {
		return 0, crm.Errorf(crm.ENOTFOUND, "Conversation not found.")
	}
	return id, nil
}

// Conversation returns a conversation as stored or queued. Viewers who do
// not see everything read after the queue is written.
func (t *ingestTx) Conversation(ctx context.Context, v crm.Viewer, id int64) (*crm.Conversation, error) {
	if !v.SeesAll() {
		return t.db.Conversation(ctx, v, id)
	}
	c, ok := t.b.convs[id]
	if !ok {
		var err error
		if c, err = t.db.Conversation(direct(ctx), v, id); err != nil {
			return nil, err
		}
		t.b.convs[id] = c
	}
	return cloneConversation(c), nil
}

// ContactsByEmail answers an admin's lookup of a prefetched address from
// what was read.
func (t *ingestTx) ContactsByEmail(ctx context.Context, v crm.Viewer, email string) ([]*crm.Contact, error) {
	key := email
	if e, ok := crm.NormalizeEmail(email); ok {
		key = e
	}
	if cs, ok := t.b.contacts[key]; ok && v.SeesAll() {
		return append([]*crm.Contact{}, cs...), nil
	}
	return t.db.ContactsByEmail(direct(ctx), v, email)
}

// LeadsByEmail answers a prefetched address from what was read.
func (t *ingestTx) LeadsByEmail(ctx context.Context, email string) ([]*crm.Lead, error) {
	if ls, ok := t.b.leads[email]; ok {
		return append([]*crm.Lead{}, ls...), nil
	}
	return t.db.LeadsByEmail(t.leadsCtx(ctx), email)
}

func (t *ingestTx) ContactByIdentity(ctx context.Context, v crm.Viewer, id crm.Identity) (*crm.Contact, error) {
	return t.db.ContactByIdentity(direct(ctx), v, id)
}

func (t *ingestTx) ContactsByPhone(ctx context.Context, v crm.Viewer, e164 string) ([]*crm.Contact, error) {
	return t.db.ContactsByPhone(direct(ctx), v, e164)
}

func (t *ingestTx) OrderByNumber(ctx context.Context, v crm.Viewer, number string) (*crm.Order, error) {
	return t.db.OrderByNumber(direct(ctx), v, number)
}

func (t *ingestTx) TaskByNumber(ctx context.Context, number string) (*crm.Task, error) {
	return t.db.TaskByNumber(direct(ctx), number)
}

func (t *ingestTx) SentMessage(ctx context.Context, channel, account, channelRef string) (*crm.Message, error) {
	return t.db.SentMessage(direct(ctx), channel, account, channelRef)
}

func (t *ingestTx) CustomersByDomain(ctx context.Context, domain string) ([]*crm.Customer, error) {
	if cs, ok := t.customersOfDomain(domain); ok {
		return cs, nil
	}
	return t.db.CustomersByDomain(direct(ctx), domain)
}

func (t *ingestTx) CustomersByNameKey(ctx context.Context, key string) ([]*crm.Customer, error) {
	return t.db.CustomersByNameKey(direct(ctx), key)
}

func (t *ingestTx) LeadsByPhone(ctx context.Context, e164 string) ([]*crm.Lead, error) {
	return t.db.LeadsByPhone(t.leadsCtx(ctx), e164)
}

func (t *ingestTx) LeadsByCompanyKey(ctx context.Context, key string) ([]*crm.Lead, error) {
	return t.db.LeadsByCompanyKey(t.leadsCtx(ctx), key)
}

// Customer answers an admin from the customers read with the contacts.
func (t *ingestTx) Customer(ctx context.Context, v crm.Viewer, id int64) (*crm.Customer, error) {
	if c, ok := t.b.customers[id]; ok && v.SeesAll() {
		d := *c
		d.Tags = slices.Clone(c.Tags)
		return &d, nil
	}
	return t.db.Customer(direct(ctx), v, id)
}

func (t *ingestTx) Lead(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error) {
	return t.db.Lead(t.leadsCtx(ctx), v, id)
}
