package crm

import "sync"

// Event kinds published after a commit.
const (
	EventMessageNew = "message.new"
	EventLeadNew    = "lead.new"
	EventReview     = "conversation.review"
)

// Event tells live views, assignment and bots that something was committed.
// It carries ids only (and a new message's channel, so that a subscriber
// can pass over the channels it has no part in without a read):
// subscribers read what they may see.
type Event struct {
	Kind           string `json:"kind"`
	ConversationID int64  `json:"conversation_id,omitempty"`
	MessageID      int64  `json:"message_id,omitempty"`
	LeadID         int64  `json:"lead_id,omitempty"`
	// Channel is the message's channel, on EventMessageNew from ingest.
	Channel string `json:"channel,omitempty"`
	// RecordID is the customer, order or payment of a *.new event about
	// one (EventCustomerNew, EventOrderNew, EventPaymentNew).
	RecordID int64 `json:"record_id,omitempty"`
	// UserID and State are a presence report's: who is viewing or typing
	// in ConversationID (web's presence events).
	UserID int64  `json:"user_id,omitempty"`
	State  string `json:"state,omitempty"`
}

// EventResync tells live views that events may have been missed (the
// link between instances dropped and came back): reload what they show.
const EventResync = "resync"

// Bus carries committed events to every subscriber: in this process (a
// Broker, for one instance on SQLite) or to every instance on one
// database (PostgreSQL's LISTEN/NOTIFY). Events carry ids only, so that
// each instance reads what changed, as its viewer may see it.
type Bus interface {
	Publisher
	// Subscribe returns a channel of events, from this instance and the
	// others, and a function that ends the subscription.
	Subscribe(buffer int) (<-chan Event, func())
}

// Publisher receives committed events. Publish must not block.
type Publisher interface {
	Publish(e Event)
}

// Broker fans events out to in-process subscribers. A subscriber that does
// not keep up misses events rather than slowing ingest; live views reload
// what they show when they reconnect, so nothing is lost for good.
type Broker struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

// NewBroker returns an empty broker.
func NewBroker() *Broker { return &Broker{subs: map[chan Event]struct{}{}} }

// Subscribe returns a channel of events and a function that ends the
// subscription and closes the channel.
func (b *Broker) Subscribe(buffer int) (<-chan Event, func()) {
	ch := make(chan Event, buffer)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
		b.mu.Unlock()
	}
}

// Publish sends e to every subscriber with room for it.
func (b *Broker) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}
