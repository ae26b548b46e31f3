package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.CustomerMover = (*DB)(nil)

// MoveOpenRecords implements crm.CustomerMover in one transaction.
func (db *DB) MoveOpenRecords(ctx context.Context, v crm.Viewer, customerID, from int64) (out crm.MovedRecords, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		cu, err := db.Customer(ctx, v, customerID)
		if err != nil {
			return err
		}
		if cu.OwnerID == nil || *cu.OwnerID == from {
			return nil // nobody to move them to, or nothing changed hands
		}
		if !v.MayAssign(cu.OwnerID) {
			return crm.Errorf(crm.EFORBIDDEN, "You may not give records to this customer's owner.")
		}
		to := *cu.OwnerID
		contacts := `(SELECT id FROM contacts WHERE customer_id = $3)`
		steps := []struct {
			n   *int
			sql string
		}{
			{&out.Contacts, `UPDATE contacts SET owner_id = $1 WHERE owner_id = $2 AND customer_id = $3`},
			{&out.Orders, `UPDATE orders SET owner_id = $1 WHERE owner_id = $2 AND customer_id = $3 AND status IN ('draft', 'active')`},
			{&out.Tasks, `UPDATE tasks SET assignee_id = $1 WHERE assignee_id = $2 AND status = 'open' AND id IN
				(SELECT task_id FROM task_refs WHERE (kind = 'customer' AND ref_id = $3) OR (kind = 'contact' AND ref_id IN ` + contacts + `))`},
			{&out.Conversations, `UPDATE conversations SET assignee_id = $1 WHERE assignee_id = $2 AND status <> 'resolved'
				AND (customer_id = $3 OR contact_id IN ` + contacts + `)`},
		}
		for _, st := range steps {
			res, err := tx.ExecContext(ctx, st.sql, to, from, customerID)
			if err != nil {
				return db.wrap(err, "move open records")
			}
			n, _ := res.RowsAffected()
			*st.n = int(n)
		}
		return db.audit(ctx, v, "customer.move_open", crm.Ref{Kind: crm.RefCustomer, ID: customerID},
			fmt.Sprintf("from user %d to user %d: %d contacts, %d orders, %d tasks, %d conversations",
				from, to, out.Contacts, out.Orders, out.Tasks, out.Conversations))
	})
	return out, err
}
