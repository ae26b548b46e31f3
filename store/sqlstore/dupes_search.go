package sqlstore

import (
	"cmp"
	"context"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// fragmentLimit bounds the records one fragment may list: the public search
// shows that companies exist, it is no way to list them all.
const fragmentLimit = 20

// minFragment is the shortest fragment the public search looks for.
const minFragment = 2

// splitQuery reads the search box: an email or a phone fills its field
// (when the field is empty), anything else is a fragment of a name.
func splitQuery(q crm.DupQuery, region string) crm.DupQuery {
	box := strings.TrimSpace(q.Query)
	q.Query = ""
	switch {
	case box == "":
	case strings.Contains(box, "@"):
		if _, ok := crm.NormalizeEmail(box); ok && q.Email == "" {
			q.Email = box
		}
	default:
		if _, ok := crm.NormalizePhone(box, region); ok && q.Phone == "" {
			q.Phone = box
		} else if utf8.RuneCountInString(box) >= minFragment {
			q.Query = box
		}
	}
	return q
}

// dupsByFragment finds leads and customers whose name or company holds the
// fragment, any owner, a few of each.
func (db *DB) dupsByFragment(ctx context.Context, q crm.DupQuery, d *dupSet) error {
	if q.Query == "" {
		return nil
	}
	page := crm.Page{Limit: fragmentLimit}
	cs, err := db.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Query: q.Query, Page: page})
	if err != nil {
		return err
	}
	for _, c := range cs.Items {
		d.add(crm.RefCustomer, c.ID, "name", q.Query, c.Name, c.OwnerID)
	}
	ls, err := db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Query: q.Query, Page: page})
	if err != nil {
		return err
	}
	for _, l := range ls.Items {
		d.add(crm.RefLead, l.ID, "name", q.Query, leadName(l), l.OwnerID)
	}
	return nil
}

// ownersOf names each match's owner and masks what v may not see.
func (db *DB) ownersOf(ctx context.Context, v crm.Viewer, ms []crm.DupMatch) ([]crm.DupMatch, error) {
	users, err := db.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*crm.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]crm.DupMatch, 0, len(ms))
	for _, m := range ms {
		var team int64
		if m.OwnerID != nil {
			if u := byID[*m.OwnerID]; u != nil {
				m.OwnerName = cmp.Or(u.Name, u.Email)
				if u.TeamID != nil {
					team = *u.TeamID
				}
			}
		}
		m.InPool = m.OwnerID == nil && m.Kind != crm.RefContact
		m.Visible = v.SeesOwned(m.OwnerID, team)
		if !m.Visible {
			m.Label = crm.MaskName(m.Label)
		}
		out = append(out, m)
	}
	return out, nil
}
