package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Temporary: the parts of crm.Store not written yet. This file goes away
// before the storage work is done.

func todo() error { return crm.Errorf(crm.ENOTIMPLEMENTED, "Not implemented yet.") }

func (db *DB) CreateContact(ctx context.Context, c *crm.Contact) error { return todo() }
func (db *DB) UpdateContact(ctx context.Context, v crm.Viewer, c *crm.Contact) error {
	return todo()
}
func (db *DB) Contact(ctx context.Context, v crm.Viewer, id int64) (*crm.Contact, error) {
	return nil, todo()
}
func (db *DB) ListContacts(ctx context.Context, f crm.ContactFilter) (crm.List[*crm.Contact], error) {
	return crm.List[*crm.Contact]{}, todo()
}
func (db *DB) ContactsByEmail(ctx context.Context, v crm.Viewer, email string) ([]*crm.Contact, error) {
	return nil, todo()
}
func (db *DB) ContactsByPhone(ctx context.Context, v crm.Viewer, e164 string) ([]*crm.Contact, error) {
	return nil, todo()
}
func (db *DB) ContactByIdentity(ctx context.Context, v crm.Viewer, id crm.Identity) (*crm.Contact, error) {
	return nil, todo()
}
func (db *DB) CreateLead(ctx context.Context, l *crm.Lead) error               { return todo() }
func (db *DB) UpdateLead(ctx context.Context, v crm.Viewer, l *crm.Lead) error { return todo() }
func (db *DB) Lead(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error) {
	return nil, todo()
}
func (db *DB) ListLeads(ctx context.Context, f crm.LeadFilter) (crm.List[*crm.Lead], error) {
	return crm.List[*crm.Lead]{}, todo()
}
func (db *DB) ClaimLead(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error) {
	return nil, todo()
}
func (db *DB) CreateOrder(ctx context.Context, o *crm.Order) error               { return todo() }
func (db *DB) UpdateOrder(ctx context.Context, v crm.Viewer, o *crm.Order) error { return todo() }
func (db *DB) Order(ctx context.Context, v crm.Viewer, id int64) (*crm.Order, error) {
	return nil, todo()
}
func (db *DB) OrderByNumber(ctx context.Context, v crm.Viewer, number string) (*crm.Order, error) {
	return nil, todo()
}
func (db *DB) ListOrders(ctx context.Context, f crm.OrderFilter) (crm.List[*crm.Order], error) {
	return crm.List[*crm.Order]{}, todo()
}
func (db *DB) CreatePaymentPlan(ctx context.Context, v crm.Viewer, pl *crm.PaymentPlan) error {
	return todo()
}
func (db *DB) PaymentPlans(ctx context.Context, v crm.Viewer, orderID int64) ([]*crm.PaymentPlan, error) {
	return nil, todo()
}
func (db *DB) RecordPayment(ctx context.Context, v crm.Viewer, pm *crm.Payment) error { return todo() }
func (db *DB) UpdatePayment(ctx context.Context, v crm.Viewer, pm *crm.Payment) error { return todo() }
func (db *DB) Payment(ctx context.Context, v crm.Viewer, id int64) (*crm.Payment, error) {
	return nil, todo()
}
func (db *DB) ListPayments(ctx context.Context, f crm.PaymentFilter) (crm.List[*crm.Payment], error) {
	return crm.List[*crm.Payment]{}, todo()
}
func (db *DB) CreateDelivery(ctx context.Context, v crm.Viewer, d *crm.Delivery) error { return todo() }
func (db *DB) Deliveries(ctx context.Context, v crm.Viewer, orderID int64) ([]*crm.Delivery, error) {
	return nil, todo()
}
func (db *DB) CreateTask(ctx context.Context, t *crm.Task) error               { return todo() }
func (db *DB) UpdateTask(ctx context.Context, v crm.Viewer, t *crm.Task) error { return todo() }
func (db *DB) Task(ctx context.Context, v crm.Viewer, id int64) (*crm.Task, error) {
	return nil, todo()
}
func (db *DB) ListTasks(ctx context.Context, f crm.TaskFilter) (crm.List[*crm.Task], error) {
	return crm.List[*crm.Task]{}, todo()
}
func (db *DB) CreateFollowUp(ctx context.Context, f *crm.FollowUp) error               { return todo() }
func (db *DB) UpdateFollowUp(ctx context.Context, v crm.Viewer, f *crm.FollowUp) error { return todo() }
func (db *DB) FollowUp(ctx context.Context, v crm.Viewer, id int64) (*crm.FollowUp, error) {
	return nil, todo()
}
func (db *DB) ListFollowUps(ctx context.Context, f crm.FollowUpFilter) (crm.List[*crm.FollowUp], error) {
	return crm.List[*crm.FollowUp]{}, todo()
}
func (db *DB) CreateAttachment(ctx context.Context, a *crm.Attachment) error { return todo() }
func (db *DB) Attachment(ctx context.Context, id int64) (*crm.Attachment, error) {
	return nil, todo()
}
func (db *DB) AttachTo(ctx context.Context, attachmentID int64, r crm.Ref) error { return todo() }
func (db *DB) AttachmentsOf(ctx context.Context, r crm.Ref) ([]*crm.Attachment, error) {
	return nil, todo()
}
func (db *DB) Audit(ctx context.Context, e *crm.AuditEntry) error { return todo() }
func (db *DB) AuditOf(ctx context.Context, r crm.Ref, limit int) ([]*crm.AuditEntry, error) {
	return nil, todo()
}
