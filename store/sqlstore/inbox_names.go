package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// recordNames shows each item's customer by the name of its linked contact,
// else of its lead: the name a rep gave them ("微信用户 · 3f9a2c" renamed
// to 王女士) rather than what their last message was signed with.
func (db *DB) recordNames(ctx context.Context, q querier, items []*crm.InboxItem) error {
	contacts, leads := map[int64][]*crm.InboxItem{}, map[int64][]*crm.InboxItem{}
	for _, it := range items {
		switch {
		case it.ContactID != nil:
			contacts[*it.ContactID] = append(contacts[*it.ContactID], it)
		case it.LeadID != nil:
			leads[*it.LeadID] = append(leads[*it.LeadID], it)
		}
	}
	if err := db.namesOf(ctx, q, "contacts", contacts); err != nil {
		return err
	}
	return db.namesOf(ctx, q, "leads", leads)
}

// namesOf sets From of the items of each id of table (a constant) to its
// record's name, when it has one.
func (db *DB) namesOf(ctx context.Context, q querier, table string, byID map[int64][]*crm.InboxItem) error {
	if len(byID) == 0 {
		return nil
	}
	w := &where{}
	ph := make([]string, 0, len(byID))
	for id := range byID {
		ph = append(ph, w.arg(id))
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM `+table+` WHERE id IN (`+strings.Join(ph, ", ")+`)`, w.args...)
	if err != nil {
		return db.wrap(err, "inbox names")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return db.wrap(err, "inbox names")
		}
		if name = strings.TrimSpace(name); name != "" {
			for _, it := range byID[id] {
				it.From = name
			}
		}
	}
	return db.wrap(rows.Err(), "inbox names")
}
