package importer

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// held is what one owner holds of one kind, and their pool's limits, as
// read once per chunk and counted on as the chunk's rows give them more.
type held struct {
	load   crm.OwnerLoad
	limits crm.PoolLimits
}

// takeCap checks that giving a record of capKind (crm.RefCustomer, or
// crm.RefLead for an open lead; "" for a record without a cap) to to,
// from its owner from, keeps to within their pool's cap, and counts it:
// imports obey the per-rep caps as claims do (ECONFLICT "Cap N reached").
// The owners' loads are read once per chunk, inside its transaction.
func (e *engine) takeCap(ctx context.Context, capKind string, from, to *int64) error {
	if capKind == "" || to == nil || (from != nil && *from == *to) {
		return nil
	}
	h := e.caps[*to]
	if h == nil {
		load, err := e.st.OwnerLoad(ctx, *to, e.now())
		if err != nil {
			return err
		}
		if load.Disabled {
			return crm.Errorf(crm.ECONFLICT, "This user is disabled.")
		}
		limits, err := e.st.PoolLimits(ctx, load.TeamID)
		if err != nil {
			return err
		}
		h = &held{load: load, limits: limits}
		e.caps[*to] = h
	}
	if err := h.limits.CapReached(h.load, capKind); err != nil {
		return err
	}
	if capKind == crm.RefCustomer {
		h.load.Customers++
	} else {
		h.load.OpenLeads++
	}
	return nil
}

// openLead is the cap kind of a lead: open leads count, others do not.
func openLead(l *crm.Lead) string {
	switch l.Status {
	case crm.LeadNew, crm.LeadContacted, crm.LeadQualified:
		return crm.RefLead
	}
	return ""
}
