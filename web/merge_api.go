package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// Who may merge: anyone who can see both records. A rep merges their own
// records and the pool's, a manager their team's too, an admin any two
// (the store answers ENOTFOUND for the rest, so that a merge attempt does not
// tell which ids exist). The survivor keeps its owner, or takes the merged
// record's when it had none: that gives no one a record they could not
// already take by assigning it.
// A merge cannot be undone; the store audits it with the actor and the
// merged record's name.

func (s *Server) mergeContacts(r *http.Request) (*crm.Contact, error) {
	var m crm.Merge
	if err := decodeNew(r, &m); err != nil {
		return nil, err
	}
	return s.store.MergeContacts(r.Context(), viewerOf(r), m)
}

func (s *Server) mergeCustomers(r *http.Request) (*crm.Customer, error) {
	var m crm.Merge
	if err := decodeNew(r, &m); err != nil {
		return nil, err
	}
	return s.store.MergeCustomers(r.Context(), viewerOf(r), m)
}
