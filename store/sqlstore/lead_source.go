package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// leadSources fills each lead's SourceMessageID: the message the ingest
// linked to it as new_lead when it made the lead. Read beside the leads,
// not as a column of every lead read, so that the matcher's hot reads do
// not pay for it.
func (db *DB) leadSources(ctx context.Context, q querier, leads []*crm.Lead) error {
	if len(leads) == 0 {
		return nil
	}
	w := &where{}
	byID := make(map[int64]*crm.Lead, len(leads))
	ph := make([]string, len(leads))
	for i, l := range leads {
		byID[l.ID], ph[i] = l, w.arg(l.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT target_id, min(message_id) FROM message_links
		WHERE kind = 'lead' AND rule = '`+crm.RuleNewLead+`' AND target_id IN (`+strings.Join(ph, ", ")+`)
		GROUP BY target_id`, w.args...)
	if err != nil {
		return db.wrap(err, "lead sources")
	}
	defer rows.Close()
	for rows.Next() {
		var lead, msg int64
		if err := rows.Scan(&lead, &msg); err != nil {
			return db.wrap(err, "scan lead source")
		}
		byID[lead].SourceMessageID = &msg
	}
	return db.wrap(rows.Err(), "lead sources")
}
