package sqlstore

import (
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The ingest writes, shared by the store's methods (which insert and read
// back the new id) and an ingest batch's queue (which inserts under a
// reserved id, given as the last argument).

const messageInsertCols = `conversation_id, channel, account, direction, external_id, from_name, from_address,
	to_addrs, cc_addrs, subject, text, html, automated, sent_at, created_at, message_ref, delivery,
	delivery_error, author_id, automated_reason`

const conversationInsertCols = `channel, account, subject, status, assignee_id, team_id, contact_id,
	customer_id, lead_id, needs_review, labels, snoozed_until, last_message_at, last_inbound_at, created_at`

const leadInsertCols = `name, company, title, phone, email, channel, source, status, owner_id, notes, custom,
	created_at, updated_at, last_follow_up_at, claimed_at, company_key, tags`

var (
	insertLeadSQL, insertLeadWithIDSQL                 = insertSQL("leads", leadInsertCols)
	insertMessageSQL, insertMessageWithIDSQL           = insertSQL("messages", messageInsertCols)
	insertConversationSQL, insertConversationWithIDSQL = insertSQL("conversations", conversationInsertCols)
)

const (
	insertRawSQL  = `INSERT INTO message_raw (message_id, raw) VALUES ($1, $2)`
	insertLinkSQL = `INSERT INTO message_links (message_id, kind, target_id, rule, value) VALUES ($1, $2, $3, $4, $5)`
	attachSQL     = `INSERT INTO attachment_refs (attachment_id, kind, ref_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`
	addRefSQL     = `INSERT INTO conversation_refs (channel, account, ref, conversation_id)
		VALUES ($1, $2, $3, $4) ON CONFLICT (channel, account, ref) DO NOTHING`
	saveCursorSQL = `INSERT INTO cursors (channel, account, name, value, updated_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, account, name)
		DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
	updateConversationSQL = `UPDATE conversations SET subject = $1, status = $2, assignee_id = $3,
		team_id = $4, contact_id = $5, customer_id = $6, lead_id = $7, needs_review = $8, labels = $9,
		snoozed_until = $10, last_message_at = $11, last_inbound_at = $12 WHERE id = $13`
)

// insertSQL returns the INSERT of cols RETURNING id, and the one that
// takes the id as its last argument.
func insertSQL(table, cols string) (returning, withID string) {
	n := strings.Count(cols, ",") + 1
	ph := make([]string, n+1)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	head := `INSERT INTO ` + table + ` (` + cols
	return head + `) VALUES (` + strings.Join(ph[:n], ", ") + `) RETURNING id`,
		head + `, id) VALUES (` + strings.Join(ph, ", ") + `)`
}

func messageArgs(m *crm.Message) []any {
	return []any{m.ConversationID, m.Channel, m.Account, m.Direction, m.ExternalID, m.From.Name,
		m.From.Address, jsonArg(nonNil(m.To)), jsonArg(nonNil(m.Cc)), m.Subject, m.Text, m.HTML,
		m.Automated, m.SentAt, m.CreatedAt, m.MessageRef, m.Delivery, m.DeliveryError, idArg(m.AuthorID),
		m.AutomatedReason, m.ID}
}

func leadArgs(l *crm.Lead) []any {
	return []any{l.Name, l.Company, l.Title, l.Phone, l.Email, l.Source.Channel, jsonArg(l.Source), l.Status,
		idArg(l.OwnerID), l.Notes, jsonArg(l.Custom), l.CreatedAt, l.UpdatedAt, nullTime(l.LastFollowUpAt),
		nullTime(l.ClaimedAt), crm.CompanyKey(l.Company), jsonArg(nonNil(l.Tags)), l.ID}
}

func conversationArgs(c *crm.Conversation) []any {
	return []any{c.Channel, c.Account, c.Subject, c.Status, idArg(c.AssigneeID), idArg(c.TeamID),
		idArg(c.ContactID), idArg(c.CustomerID), idArg(c.LeadID), c.NeedsReview, jsonArg(c.Labels),
		nullTime(c.SnoozedUntil), c.LastMessageAt, nullTime(c.LastInboundAt), c.CreatedAt, c.ID}
}

func updateConversationArgs(c *crm.Conversation) []any {
	return []any{c.Subject, c.Status, idArg(c.AssigneeID), idArg(c.TeamID), idArg(c.ContactID),
		idArg(c.CustomerID), idArg(c.LeadID), c.NeedsReview, jsonArg(c.Labels), nullTime(c.SnoozedUntil),
		utc(c.LastMessageAt), nullTime(c.LastInboundAt), c.ID}
}

// withoutID drops the trailing id argument, for the RETURNING form.
func withoutID(args []any) []any { return args[:len(args)-1] }
