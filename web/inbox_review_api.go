package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// reviewBody is a review decision: the records a conversation belongs to.
// The conversation is the one in the path, so the body cannot name another.
type reviewBody struct {
	ContactID  *int64 `json:"contact_id"`
	CustomerID *int64 `json:"customer_id"`
	LeadID     *int64 `json:"lead_id"`
	Note       string `json:"note"`
}

// choices lists the records the body names, with the field naming each.
func (b reviewBody) choices() []choice {
	var out []choice
	for _, c := range []choice{
		{"contact_id", crm.RefContact, b.ContactID},
		{"customer_id", crm.RefCustomer, b.CustomerID},
		{"lead_id", crm.RefLead, b.LeadID},
	} {
		if c.id != nil {
			out = append(out, c)
		}
	}
	return out
}

type choice struct {
	field, kind string
	id          *int64
}

func (b reviewBody) validate() error {
	p := crm.Problems{}
	for _, c := range b.choices() {
		if *c.id <= 0 {
			p.Add(c.field, "must be a positive id")
		}
	}
	p.MaxLen("note", b.Note, 2000)
	return p.Err()
}

// listReview returns the conversations waiting for review that the user
// may see, oldest first, each with the records the matcher hesitated
// between. Candidates carry a label, rule and value only, as 查重 does.
func (s *Server) listReview(r *http.Request) (crm.List[*crm.ReviewItem], error) {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		return crm.List[*crm.ReviewItem]{}, err
	}
	return s.store.ReviewQueue(r.Context(), viewerOf(r), p)
}

// resolveReview confirms a candidate or re-links a visible conversation to
// records the user can see. The store relinks every message and audits.
func (s *Server) resolveReview(r *http.Request) (*crm.Conversation, error) {
	ctx, v := r.Context(), viewerOf(r)
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Conversation(ctx, v, id); err != nil {
		return nil, err
	}
	var b reviewBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	if err := s.visibleChoices(ctx, v, b.choices()); err != nil {
		return nil, err
	}
	return s.store.ResolveReview(ctx, v, crm.Relink{ConversationID: id,
		ContactID: b.ContactID, CustomerID: b.CustomerID, LeadID: b.LeadID, Note: b.Note})
}

// visibleChoices answers ENOTFOUND, naming the field, for a chosen record
// the user cannot see: no one files a conversation under records hidden
// from them, nor learns by trying which ids exist. The store checks again
// in its transaction; this check only says which field was wrong.
func (s *Server) visibleChoices(ctx context.Context, v crm.Viewer, cs []choice) error {
	for _, c := range cs {
		err := s.visible(ctx, v, crm.Ref{Kind: c.kind, ID: *c.id})
		if crm.IsNotFound(err) {
			return &crm.Error{Code: crm.ENOTFOUND, Message: fmt.Sprintf("No such %s.", c.kind),
				Fields: map[string]string{c.field: "does not exist"}}
		} else if err != nil {
			return err
		}
	}
	return nil
}
