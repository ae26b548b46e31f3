package crm

import "context"

// CustomerPicker finds customers by any part of their names as a user
// types (the record pickers), through an index rather than a scan.
type CustomerPicker interface {
	// PickCustomers returns at most limit customers v may see whose name
	// or short name contains q, newest first. A q of fewer than three
	// characters is looked for without the index (trigrams need three).
	PickCustomers(ctx context.Context, v Viewer, q string, limit int) ([]*Customer, error)
}
