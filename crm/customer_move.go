package crm

import "context"

// MovedRecords counts what moved with a customer to its new owner.
type MovedRecords struct {
	Contacts      int `json:"contacts"`
	Orders        int `json:"orders"`        // draft and active orders and contracts
	Tasks         int `json:"tasks"`         // open tasks about the customer or its contacts
	Conversations int `json:"conversations"` // unresolved ones with the customer or its contacts
}

// CustomerMover moves a reassigned customer's open records.
type CustomerMover interface {
	// MoveOpenRecords gives the customer's current owner what the previous
	// owner `from` held of it and is still open: its contacts, draft and
	// active orders, open tasks and unresolved conversations (records of
	// other owners stay theirs), and audits the move. v must see the
	// customer (ENOTFOUND) and may move records to its owner only as
	// MayAssign allows (EFORBIDDEN).
	MoveOpenRecords(ctx context.Context, v Viewer, customerID, from int64) (MovedRecords, error)
}
