package crm

import "context"

// Matcher rule names, recorded on every link as its reason.
const (
	RuleThread   = "thread"   // a thread reference → conversation
	RuleIdentity = "identity" // WeChat appid+openid → contact
	RuleUnionID  = "unionid"  // WeChat unionid → contact
	RuleEmail    = "email"    // exact address → contact
	RulePhone    = "phone"    // E.164 number → contact
	RuleOrder    = "order_number"
	RuleTask     = "task_number"
	RuleDomain   = "domain"   // corporate email domain → customer
	RuleCc       = "cc"       // a co-recipient (To or Cc) at the customer's domain → new contact
	RuleDupLead  = "dup_lead" // 查重: an existing lead by email/phone/company
	RuleCompany  = "company"  // 查重: normalized company name → customer
	RuleNewLead  = "new_lead" // nothing matched: a new lead
	RuleReview   = "review"   // a rep confirmed or re-linked
)

// MaxThreadRefs bounds the thread references of one message that are
// recorded and followed: a long email thread's References holds hundreds,
// and its root, the oldest, comes last.
const MaxThreadRefs = 500

// Candidate is one record a rule pointed at.
type Candidate struct {
	Kind  string `json:"kind"` // a Ref* kind
	ID    int64  `json:"id"`
	Rule  string `json:"rule"`
	Value string `json:"value"`
	Label string `json:"label"` // a display name
}

// Match is the matcher's decision for one inbound message. Ingest applies
// it; the matcher writes nothing.
type Match struct {
	ConversationID int64 // an existing conversation to append to; 0: new
	ContactID      int64
	CustomerID     int64
	LeadID         int64
	// OwnerID is who should answer: the owner of the linked contact, else of
	// the customer, else of the lead. nil: nobody in particular.
	OwnerID *int64
	Links   []Link // every link with its rule and value
	// NeedsReview: rules pointed at different contacts. Nothing is linked
	// to a contact; the candidates go to the review queue.
	NeedsReview bool
	Candidates  []Candidate
	// NewContact: a sender at a known customer's corporate domain, to be
	// created as a contact of CustomerID.
	NewContact *Contact
	// NewColleagues: people the message was also sent to (To, Cc) at the
	// customer's corporate domain who are no contact yet, to be created as
	// contacts of CustomerID. At most a few per message.
	NewColleagues []*Contact
	// NewLead: nothing matched; create this lead (after the duplicate check
	// found none).
	NewLead *Lead
	// Thread is the sender's thread as read, for a message that threads by
	// sender (Inbound.SenderThread); nil: none yet, Ingest stores one.
	Thread *SenderThread
	// JoinIDs are other conversations of the same thread (its references
	// lead to them too): mail that arrived out of order split it. Ingest
	// folds them into ConversationID. The matcher names only conversations
	// whose records agree with ConversationID's.
	JoinIDs []int64
	// FromUs: the sender is one of us (our mailbox, or a colleague at our
	// domain writing to someone outside): the message is stored as
	// outbound on its thread, not as a customer's message.
	FromUs bool
}

// MatchReader is what the matcher may read. Ingest hands it one bound to
// the ingest transaction, so decisions see the messages committed before.
type MatchReader interface {
	ConversationByReference(ctx context.Context, channel, account, ref string) (int64, error) // ENOTFOUND
	ContactByIdentity(ctx context.Context, v Viewer, id Identity) (*Contact, error)           // ENOTFOUND
	ContactsByEmail(ctx context.Context, v Viewer, email string) ([]*Contact, error)
	ContactsByPhone(ctx context.Context, v Viewer, e164 string) ([]*Contact, error)
	OrderByNumber(ctx context.Context, v Viewer, number string) (*Order, error) // ENOTFOUND
	TaskByNumber(ctx context.Context, number string) (*Task, error)             // ENOTFOUND
	CustomersByDomain(ctx context.Context, domain string) ([]*Customer, error)
	CustomersByNameKey(ctx context.Context, key string) ([]*Customer, error)
	LeadsByEmail(ctx context.Context, email string) ([]*Lead, error)
	LeadsByPhone(ctx context.Context, e164 string) ([]*Lead, error)
	LeadsByCompanyKey(ctx context.Context, key string) ([]*Lead, error)
	Customer(ctx context.Context, v Viewer, id int64) (*Customer, error) // ENOTFOUND
	Lead(ctx context.Context, v Viewer, id int64) (*Lead, error)         // ENOTFOUND
}

// MatchDecider decides how an inbound message links to the records.
type MatchDecider interface {
	Match(ctx context.Context, r MatchReader, in *Inbound) (*Match, error)
}
