package web

import (
	"context"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// customer360 is everything about the customer beside a conversation: who
// they are, what else they wrote, what they bought and owe, and what is
// planned. The inbox includes it as the "customer360" partial; set Lang
// (and Back, where its one-step forms return) before rendering.
type customer360 struct {
	Lang          string
	Back          string
	Conversation  int64 // the conversation beside which it shows; 0: none
	Contact       *crm.Contact
	Customer      *crm.Customer
	Lead          *crm.Lead
	Conversations []*crm.Conversation  // the others, most recent first
	Orders        []*crm.Order         // open orders and contracts
	Due           []dueView            // unpaid payment plans, soonest first
	Tasks         []*crm.Task          // open tasks
	FollowUps     []*crm.FollowUp      // the most recent first
	LastCare      *crm.CareOccurrence  // on record pages, when care is on
	NextCare      *crm.CarePreviewItem // the next 90 days' first
	CareOn        bool                 // care is set up: the contact's opt-out form shows
	OptedOut      bool                 // the contact said no care messages
	Surveys       []surveyView         // satisfaction scores, newest first
	Refs          []string             // "kind:id" of the records the forms file against
	Methods       []string             // the follow-up form's choices
	Hub           *recordHub           // record pages only: contacts, timeline… (web/record_hub.go)
}

// T translates for the partial.
func (c *customer360) T(key string) string { return translate(c.Lang, key) }

// panelSize is how many rows each of the panel's lists shows.
const panelSize = 5

// conversationsAbout is the store's read of a contact's and customer's
// conversations (sqlstore.DB has it).
type conversationsAbout interface {
	ConversationsAbout(ctx context.Context, v crm.Viewer, contactID, customerID *int64, limit int) ([]*crm.Conversation, error)
}

// customer360 gathers the panel for conversation c, as v may see it.
func (s *Server) customer360(ctx context.Context, v crm.Viewer, c *crm.Conversation) (*customer360, error) {
	var lead *crm.Lead
	if c.LeadID != nil {
		var err error
		if lead, err = unlessHidden(s.store.Lead(ctx, v, *c.LeadID)); err != nil {
			return nil, err
		}
	}
	return s.gather360(ctx, v, c.ContactID, c.CustomerID, c.ID, lead)
}

// gather360 builds the panel for a contact and a customer (either may be
// nil); records v may not see are left out, not errors.
func (s *Server) gather360(ctx context.Context, v crm.Viewer, contactID, customerID *int64, conv int64, lead *crm.Lead) (*customer360, error) {
	p := &customer360{Conversation: conv, Back: "/", Methods: followUpMethods, Lead: lead}
	if err := s.who360(ctx, v, p, contactID, customerID); err != nil {
		return nil, err
	}
	if lead != nil {
		p.Refs = append(p.Refs, crm.RefLead+":"+strconv.FormatInt(lead.ID, 10))
	}
	steps := []func(context.Context, crm.Viewer, *customer360) error{
		s.conversations360, s.orders360, s.tasks360, s.followUps360, s.surveys360,
	}
	for _, step := range steps {
		if err := step(ctx, v, p); err != nil {
			return nil, err
		}
	}
	if conv != 0 {
		p.Refs = append(p.Refs, crm.RefConversation+":"+strconv.FormatInt(conv, 10))
		return p, nil
	}
	return p, s.care360(ctx, p) // record pages only: the next care is a walk over days
}

// who360 loads the contact and the customer (the contact's own when the
// conversation names none).
func (s *Server) who360(ctx context.Context, v crm.Viewer, p *customer360, contactID, customerID *int64) error {
	var err error
	if contactID != nil {
		if p.Contact, err = unlessHidden(s.store.Contact(ctx, v, *contactID)); err != nil {
			return err
		}
		if p.Contact != nil && customerID == nil {
			customerID = p.Contact.CustomerID
		}
	}
	if customerID != nil {
		p.Customer, err = unlessHidden(s.store.Customer(ctx, v, *customerID))
	}
	if p.Customer != nil {
		p.Refs = append(p.Refs, crm.RefCustomer+":"+strconv.FormatInt(p.Customer.ID, 10))
	}
	if p.Contact != nil {
		p.Refs = append(p.Refs, crm.RefContact+":"+strconv.FormatInt(p.Contact.ID, 10))
	}
	return err
}

// unlessHidden turns "not found" (absent, or not visible to the viewer) into nil.
func unlessHidden[T any](rec *T, err error) (*T, error) {
	if crm.IsNotFound(err) {
		return nil, nil
	}
	return rec, err
}

// Money, Day and When format for the partial.
func (c *customer360) Money(m crm.Money, currency string) string { return moneyIn(m, currency) }
func (c *customer360) Day(t time.Time) string                    { return t.In(time.Local).Format("2006-01-02") }
func (c *customer360) When(t *time.Time) string                  { return localTime(t) }
