package matcher

import "github.com/rapport-crm/rapport/crm"

// hit is one record a lookup returned.
type hit struct {
	id         int64
	label      string
	customerID int64  // a contact's customer; 0: none
	ownerID    *int64 // a customer's owner
}

// evidence is what one rule found for one value: none, one or several
// records (a shared phone, an address two contacts hold).
type evidence struct {
	kind, rule, value string
	hits              []hit
}

// verdict is what a set of evidence says: one record, nothing, or an
// ambiguity to review.
type verdict struct {
	hit        hit
	ev         evidence // the evidence recorded as the reason (see decisive)
	candidates []crm.Candidate
}

func (v verdict) found() bool     { return v.hit.id != 0 }
func (v verdict) ambiguous() bool { return len(v.candidates) > 0 }

// resolve returns the one record that every value which found anything
// agrees on. Values that found nothing do not vote. Identity {A} with an
// address shared by {A, B} gives A; an address shared by {A, B} alone, or
// {A} and {B}, is ambiguous: every record named becomes a candidate.
func resolve(evs []evidence) verdict {
	var named []evidence
	for _, e := range evs {
		if len(e.hits) > 0 {
			named = append(named, e)
		}
	}
	if len(named) == 0 {
		return verdict{}
	}
	var agreed []hit
	for _, h := range named[0].hits {
		if inAll(named[1:], h.id) {
			agreed = append(agreed, h)
		}
	}
	if len(agreed) == 1 {
		return verdict{hit: agreed[0], ev: decisive(named)}
	}
	return verdict{candidates: candidatesOf(named)}
}

// decisive is the reason to record for an agreed record: the strongest
// value that names it alone (a shared address narrowed by a phone is
// decided by the phone), else the strongest value.
func decisive(named []evidence) evidence {
	for _, e := range named {
		if len(e.hits) == 1 {
			return e
		}
	}
	return named[0]
}

func inAll(evs []evidence, id int64) bool {
	for _, e := range evs {
		found := false
		for _, h := range e.hits {
			found = found || h.id == id
		}
		if !found {
			return false
		}
	}
	return true
}

// candidatesOf lists every record named, each once, with its strongest rule.
func candidatesOf(evs []evidence) []crm.Candidate {
	var out []crm.Candidate
	for _, e := range evs {
		for _, h := range e.hits {
			if !hasCandidate(out, e.kind, h.id) {
				out = append(out, crm.Candidate{Kind: e.kind, ID: h.id, Rule: e.rule, Value: e.value, Label: h.label})
			}
		}
	}
	return out
}

// commonCustomer returns the customer all contact candidates belong to, or
// 0 when they differ or one has none.
func commonCustomer(evs []evidence) int64 {
	var id int64
	for _, e := range evs {
		for _, h := range e.hits {
			if h.customerID == 0 || (id != 0 && h.customerID != id) {
				return 0
			}
			id = h.customerID
		}
	}
	return id
}
