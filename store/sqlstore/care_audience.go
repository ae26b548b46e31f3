package sqlstore

import (
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// audienceWhere narrows candidates (contacts k, their customer c) to a
// plan's audience. Customer fields never match a contact on their own.
func audienceWhere(w *where, a crm.CareAudience) {
	in(w, "c.kind", a.Kinds)
	in(w, "c.level", a.Levels)
	in(w, "c.region", a.Regions)
	if len(a.Tags) > 0 {
		w.and(`EXISTS (SELECT 1 FROM customer_labels t JOIN labels lb ON lb.id = t.label_id WHERE t.customer_id = c.id AND lb.name IN (` +
			placeholders(w, a.Tags) + `))`)
	}
	if a.TeamID != nil {
		w.and(`EXISTS (SELECT 1 FROM users u WHERE u.id = COALESCE(k.owner_id, c.owner_id) AND u.team_id = ` +
			w.arg(*a.TeamID) + `)`)
	}
}

func in(w *where, col string, vals []string) {
	if len(vals) > 0 {
		w.and(col + " IN (" + placeholders(w, vals) + ")")
	}
}

func placeholders(w *where, vals []string) string {
	ps := make([]string, len(vals))
	for i, v := range vals {
		ps[i] = w.arg(v)
	}
	return strings.Join(ps, ", ")
}

func scanCandidate(r scanner) (crm.CareCandidate, error) {
	var c crm.CareCandidate
	return c, r.Scan(&c.ContactID, &c.ContactName, nid{&c.CustomerID}, nid{&c.OrderID}, nid{&c.OwnerID}, &c.TimeZone)
}

// dedupeCandidates keeps the first row of each contact (rows come ordered
// by contact): one occurrence per contact and date whatever caused it.
func dedupeCandidates(cs []crm.CareCandidate) []crm.CareCandidate {
	out := cs[:0]
	for i, c := range cs {
		if i > 0 && cs[i-1].ContactID == c.ContactID {
			continue
		}
		out = append(out, c)
	}
	return out
}
