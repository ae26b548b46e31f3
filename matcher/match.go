package matcher

import (
	"context"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// maxRefs bounds the thread references looked up: a long email thread
// carries hundreds, and its root comes last. The ingest transaction reads
// them ahead in one query, so following each costs a map lookup.
const maxRefs = crm.MaxThreadRefs

// conversationReader is what the ingest transaction offers beyond
// crm.MatchReader (crm.IngestTx has it): with it, the matcher checks the
// message's contact and customer against the threaded conversation's.
type conversationReader interface {
	Conversation(ctx context.Context, v crm.Viewer, id int64) (*crm.Conversation, error)
}

// decision is the state of one Match call.
type decision struct {
	m      *Matcher
	r      crm.MatchReader
	in     *crm.Inbound
	f      *facts
	out    *crm.Match
	labels map[crm.Ref]string // display names of linked records, for candidates

	conv           *crm.Conversation // the threaded conversation, when readable
	threadRef      string
	orderCustomers []orderCustomer // the customers of the quoted orders
	contactOwner   *int64          // the owner of the linked contact
	senderCustomer int64           // the customer of the sender's contact
	cust           *crm.Customer   // the linked customer, once read
}

// Match decides how in links to the records r holds. It reads only, with
// indexed lookups, and writes nothing; see the package doc for the rules.
func (m *Matcher) Match(ctx context.Context, r crm.MatchReader, in *crm.Inbound) (*crm.Match, error) {
	in, fromUs := m.about(in)
	d := &decision{m: m, r: r, in: in, f: m.facts(in), out: &crm.Match{FromUs: fromUs}, labels: map[crm.Ref]string{}}
	steps := []func(context.Context) error{d.thread, d.follower, d.contact, d.records, d.customer, d.againstThread, d.lead,
		d.colleagues, d.owner}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return d.out, nil
}

// thread follows the references, strongest first, to a conversation;
// then the message's own reference, which a reply ingested before it (mail
// does not arrive in order) has recorded on its conversation. The first
// conversation found is the message's; any other that the references
// reach is the same thread, split by the order mail arrived in: it is to
// be joined (see split). Only when nothing is found is the channel's
// guess (ThreadHint) followed.
func (d *decision) thread(ctx context.Context) error {
	refs := d.in.References[:min(len(d.in.References), maxRefs)]
	if d.in.MessageRef != "" {
		refs = append(refs[:len(refs):len(refs)], d.in.MessageRef)
	}
	for _, ref := range refs {
		if err := d.follow(ctx, ref); err != nil {
			return err
		}
	}
	if d.out.ConversationID == 0 {
		return d.follow(ctx, d.in.ThreadHint)
	}
	return nil
}

// follow looks ref up: the first conversation found becomes the message's,
// another one a conversation to join.
func (d *decision) follow(ctx context.Context, ref string) error {
	if ref == "" {
		return nil
	}
	id, err := d.r.ConversationByReference(ctx, d.in.Channel, d.in.Account, ref)
	if crm.IsNotFound(err) || err == nil && id == d.out.ConversationID {
		return nil
	} else if err != nil {
		return err
	}
	if d.out.ConversationID != 0 {
		return d.split(ctx, id)
	}
	d.out.ConversationID, d.threadRef = id, ref
	d.link(crm.RefConversation, id, crm.RuleThread, ref, "")
	if cr, ok := d.r.(conversationReader); ok {
		d.conv, err = cr.Conversation(ctx, crm.System, id)
	}
	return err
}

// split marks conversation id, which the references also reach, to be
// joined into the message's, unless their records differ (two contacts,
// customers or leads): a wrong join would show one customer's mail to
// another, so such threads stay apart.
func (d *decision) split(ctx context.Context, id int64) error {
	if slices.Contains(d.out.JoinIDs, id) {
		return nil
	}
	cr, ok := d.r.(conversationReader)
	if !ok || d.conv == nil {
		return nil
	}
	other, err := cr.Conversation(ctx, crm.System, id)
	if crm.IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	if differ(d.conv.ContactID, other.ContactID) || differ(d.conv.CustomerID, other.CustomerID) ||
		differ(d.conv.LeadID, other.LeadID) {
		return nil
	}
	d.out.JoinIDs = append(d.out.JoinIDs, id)
	return nil
}

func differ(a, b *int64) bool { return a != nil && b != nil && *a != *b }

// link records a link unless the record is linked already (the first, and
// so strongest, rule is kept).
func (d *decision) link(kind string, id int64, rule, value, label string) {
	for _, l := range d.out.Links {
		if l.Kind == kind && l.TargetID == id {
			return
		}
	}
	d.out.Links = append(d.out.Links, crm.Link{Kind: kind, TargetID: id, Rule: rule, Value: value})
	d.labels[crm.Ref{Kind: kind, ID: id}] = label
}

// unlink removes the links of the given kinds and returns them.
func (d *decision) unlink(kinds ...string) []crm.Link {
	var kept, gone []crm.Link
	for _, l := range d.out.Links {
		if contains(kinds, l.Kind) {
			gone = append(gone, l)
		} else {
			kept = append(kept, l)
		}
	}
	d.out.Links = kept
	return gone
}

// setCustomer links the message's customer.
func (d *decision) setCustomer(id int64, rule, value, label string) {
	d.out.CustomerID = id
	d.link(crm.RefCustomer, id, rule, value, label)
}

// review flags the message for a rep and adds candidates, each record
// once. Without candidates it does nothing.
func (d *decision) review(cands ...crm.Candidate) {
	if len(cands) == 0 {
		return
	}
	d.out.NeedsReview = true
	for _, c := range cands {
		if !hasCandidate(d.out.Candidates, c.Kind, c.ID) {
			d.out.Candidates = append(d.out.Candidates, c)
		}
	}
}

func hasCandidate(list []crm.Candidate, kind string, id int64) bool {
	for _, c := range list {
		if c.Kind == kind && c.ID == id {
			return true
		}
	}
	return false
}

var _ conversationReader = crm.IngestTx(nil)
