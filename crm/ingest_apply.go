package crm

import (
	"cmp"
	"context"
	"time"
)

// apply ingests one message inside tx: dedupe, match, conversation, new
// contact or lead, the message with its links, references and the cursor.
func (g *Ingester) apply(ctx context.Context, tx IngestTx, in *Inbound, cur *Cursor) (*IngestResult, error) {
	if dup, err := g.duplicate(ctx, tx, in, cur); dup != nil || err != nil {
		return dup, err
	}
	m, err := g.cfg.Matcher.Match(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	if in.Aside && m.ConversationID == 0 {
		// Not the sender writing, and nowhere to note it: it starts nothing.
		return &IngestResult{Skipped: true}, saveCursor(ctx, tx, cur)
	}
	now := g.cfg.Now().UTC()
	conv, isNew, err := g.conversation(ctx, tx, in, m, now)
	if err != nil {
		return nil, err
	}
	if err := joinSplit(ctx, tx, conv, m.JoinIDs); err != nil {
		return nil, err
	}
	res := &IngestResult{NewConversation: isNew, NeedsReview: m.NeedsReview}
	sv, score, err := g.surveyReply(ctx, in, m, isNew, now)
	if err != nil {
		return nil, err
	}
	if sv != nil {
		m.NewLead = nil // a score is no new enquiry
	}
	if err := g.createRecords(ctx, tx, in, m, res, now); err != nil {
		return nil, err
	}
	status, until := conv.Status, conv.SnoozedUntil
	fillConversation(conv, in, m, res)
	if sv != nil {
		conv.Status, conv.SnoozedUntil = status, until // a score does not reopen what it rates
	}
	if err := saveConversation(ctx, tx, conv, isNew, m); err != nil {
		return nil, err
	}
	res.ConversationID = conv.ID
	if err := saveSenderThread(ctx, tx, in, m, conv.ID); err != nil {
		return nil, err
	}
	msg := newInboundMessage(in, m, conv.ID, now)
	if err := tx.CreateMessage(ctx, msg, in.Raw); err != nil {
		return nil, err
	}
	res.MessageID, res.Links = msg.ID, m.Links
	if sv != nil {
		if err := g.answerSurvey(ctx, sv, score, msg, now); err != nil {
			return nil, err
		}
	}
	if err := tx.AddReferences(ctx, in.Channel, in.Account, conv.ID, threadRefs(in)); err != nil {
		return nil, err
	}
	return res, saveCursor(ctx, tx, cur)
}

// duplicate returns the earlier result when in was ingested before; the
// adapter's cursor still moves on, since the adapter has seen the message.
func (g *Ingester) duplicate(ctx context.Context, tx IngestTx, in *Inbound, cur *Cursor) (*IngestResult, error) {
	old, err := tx.MessageByExternalID(ctx, in.Channel, in.Account, in.ExternalID)
	if IsNotFound(err) && in.FromUs && in.MessageRef != "" {
		old, err = ownSent(ctx, tx, in)
	}
	if IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	res := &IngestResult{MessageID: old.ID, ConversationID: old.ConversationID, Duplicate: true, Links: old.Links}
	return res, saveCursor(ctx, tx, cur)
}

// ownSent finds the outbound message that in is a copy of (a Bcc to the
// shared mailbox): the one we sent under in's reference.
func ownSent(ctx context.Context, tx IngestTx, in *Inbound) (*Message, error) {
	return tx.SentMessage(ctx, in.Channel, in.Account, in.MessageRef)
}

func saveCursor(ctx context.Context, tx IngestTx, cur *Cursor) error {
	if cur == nil {
		return nil
	}
	return tx.SaveCursor(ctx, *cur)
}

// conversation returns the conversation the message belongs to, or a new
// one (not stored yet: it is stored once, complete) when no thread
// reference found it.
func (g *Ingester) conversation(ctx context.Context, tx IngestTx, in *Inbound, m *Match, now time.Time) (*Conversation, bool, error) {
	if m.ConversationID != 0 {
		c, err := tx.Conversation(ctx, System, m.ConversationID)
		return c, false, err
	}
	c := &Conversation{Channel: in.Channel, Account: in.Account, Subject: in.Subject,
		Status: ConvOpen, LastMessageAt: in.ReceivedAt.UTC(), CreatedAt: now}
	return c, true, nil
}

// saveConversation stores a new conversation or the changes to one, and
// its review candidates.
func saveConversation(ctx context.Context, tx IngestTx, c *Conversation, isNew bool, m *Match) error {
	save := tx.UpdateConversation
	if isNew {
		save = tx.CreateConversation
	}
	if err := save(ctx, c); err != nil {
		return err
	}
	if !m.NeedsReview {
		return nil
	}
	return tx.SetReviewCandidates(ctx, c.ID, m.Candidates)
}

// createRecords creates the contacts or lead the match asks for, and fills
// the result's record ids.
func (g *Ingester) createRecords(ctx context.Context, tx IngestTx, in *Inbound, m *Match, res *IngestResult, now time.Time) error {
	if m.NewContact != nil {
		if err := createContact(ctx, tx, m.NewContact, now); err != nil {
			return err
		}
		m.ContactID = m.NewContact.ID
		m.Links = append(m.Links, Link{Kind: RefContact, TargetID: m.ContactID, Rule: RuleDomain, Value: newContactDomain(m.NewContact)})
	}
	for _, c := range m.NewColleagues {
		if err := createContact(ctx, tx, c, now); err != nil {
			return err
		}
		// The link says why the contact exists; m.ContactID stays the sender.
		m.Links = append(m.Links, Link{Kind: RefContact, TargetID: c.ID, Rule: RuleCc, Value: c.Emails[0]})
	}
	if m.NewLead != nil && !in.Automated && !in.Aside {
		if err := g.createLead(ctx, tx, in, m, now); err != nil {
			return err
		}
		res.NewLead = true
	}
	res.ContactID, res.CustomerID, res.LeadID = m.ContactID, m.CustomerID, m.LeadID
	return nil
}

func (g *Ingester) createLead(ctx context.Context, tx IngestTx, in *Inbound, m *Match, now time.Time) error {
	l := m.NewLead
	if l.OwnerID == nil {
		l.OwnerID = m.OwnerID // a lead at a known customer goes to its owner
	}
	team := cmp.Or(in.LeadTeamID, g.cfg.LeadTeamID)
	if l.OwnerID == nil && team != 0 {
		owner, err := tx.NextAssignee(ctx, team)
		if err != nil {
			return err
		}
		l.OwnerID = owner
	}
	if l.OwnerID != nil {
		l.ClaimedAt = &now
	}
	l.CreatedAt, l.UpdatedAt = now, now
	if err := tx.CreateLead(ctx, l); err != nil {
		return err
	}
	m.LeadID = l.ID
	m.Links = append(m.Links, Link{Kind: RefLead, TargetID: l.ID, Rule: RuleNewLead, Value: leadLabel(l)})
	return nil
}

func createContact(ctx context.Context, tx IngestTx, c *Contact, now time.Time) error {
	c.CreatedAt, c.UpdatedAt = now, now
	return tx.CreateContact(ctx, c)
}

// newContactDomain is the corporate domain that made a sender a contact.
func newContactDomain(c *Contact) string {
	if len(c.Emails) == 0 {
		return ""
	}
	return EmailDomain(c.Emails[0])
}

func leadLabel(l *Lead) string {
	for _, s := range []string{l.Email, l.Phone, l.Name, l.Company} {
		if s != "" {
			return s
		}
	}
	return ""
}
