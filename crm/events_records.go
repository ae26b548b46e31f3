package crm

// Event kinds about records and conversations, published (beside the
// ingest's and the outbox's) for webhooks: the web layer publishes them
// when a person creates a record or assigns or resolves a conversation,
// the ingest when a message opens a conversation, the bot when it hands a
// conversation to a person.
const (
	EventConversationNew = "conversation.new"
	EventAssigned        = "conversation.assigned"
	EventResolved        = "conversation.resolved"
	EventHandedOff       = "conversation.handed_off"
	EventCustomerNew     = "customer.new"
	EventOrderNew        = "order.new"
	EventPaymentNew      = "payment.new"
	// EventFormChanged: a form (RecordID) was created, changed or deleted;
	// form capture on every instance drops its cached copy.
	EventFormChanged = "form.changed"
)

// Publishers sends each event to every publisher in turn: the live views'
// broker and the webhooks, for instance.
type Publishers []Publisher

// Publish sends e to each publisher that is not nil.
func (ps Publishers) Publish(e Event) {
	for _, p := range ps {
		if p != nil {
			p.Publish(e)
		}
	}
}
