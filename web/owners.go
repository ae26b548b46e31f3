package web

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// checkAssign refuses to give a record to owner (nil: the pool) unless v
// may: reps only to themselves or the pool, managers within their team,
// admins to anyone. Another owner must be an enabled user.
func (s *Server) checkAssign(ctx context.Context, v crm.Viewer, field string, owner *int64) error {
	if owner == nil || *owner == v.UserID {
		return nil
	}
	if !v.MayAssign(owner) {
		return &crm.Error{Code: crm.EFORBIDDEN, Message: "You may not give records to other users.",
			Fields: map[string]string{field: "may only be yourself or empty (the pool)"}}
	}
	u, err := s.store.UserByID(ctx, *owner)
	switch {
	case crm.IsNotFound(err):
		return invalid(field, "is not a user")
	case err != nil:
		return err
	case u.Disabled:
		return invalid(field, "is a disabled user")
	case v.Role == crm.RoleManager && (v.TeamID == 0 || u.TeamID == nil || *u.TeamID != v.TeamID):
		return &crm.Error{Code: crm.EFORBIDDEN, Message: "Managers may give records only within their team.",
			Fields: map[string]string{field: "is not in your team"}}
	}
	return nil
}

// auditAssign notes an owner change in the audit trail.
func (s *Server) auditAssign(ctx context.Context, v crm.Viewer, subject crm.Ref, from, to *int64) error {
	if sameID(from, to) {
		return nil
	}
	actor := v.UserID
	return s.store.Audit(ctx, &crm.AuditEntry{ActorID: &actor, Action: subject.Kind + ".assign",
		Subject: subject, Detail: fmt.Sprintf("owner %s → %s", idText(from), idText(to))})
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func idText(id *int64) string {
	if id == nil {
		return "pool"
	}
	return fmt.Sprintf("user %d", *id)
}

// self returns a pointer to v's user id, the default owner of new records.
func self(v crm.Viewer) *int64 {
	id := v.UserID
	return &id
}

// checkRefs makes sure v can see every record refs point at, so that no one
// files tasks or follow-ups against records hidden from them.
func (s *Server) checkRefs(ctx context.Context, v crm.Viewer, field string, refs []crm.Ref) error {
	for _, ref := range refs {
		if err := s.visible(ctx, v, ref); crm.IsNotFound(err) {
			return invalid(field, fmt.Sprintf("%s %d does not exist", ref.Kind, ref.ID))
		} else if err != nil {
			return err
		}
	}
	return nil
}

// visible returns ENOTFOUND when v cannot see the record ref names.
// Messages have no read by id yet, so refs to them are not checked here.
func (s *Server) visible(ctx context.Context, v crm.Viewer, ref crm.Ref) error {
	var err error
	switch ref.Kind {
	case crm.RefCustomer:
		_, err = s.store.Customer(ctx, v, ref.ID)
	case crm.RefContact:
		_, err = s.store.Contact(ctx, v, ref.ID)
	case crm.RefLead:
		_, err = s.store.Lead(ctx, v, ref.ID)
	case crm.RefOrder:
		_, err = s.store.Order(ctx, v, ref.ID)
	case crm.RefTask:
		_, err = s.store.Task(ctx, v, ref.ID)
	case crm.RefConversation:
		_, err = s.store.Conversation(ctx, v, ref.ID)
	}
	return err
}

// visibleID checks an optional reference field of a record.
func (s *Server) visibleID(ctx context.Context, v crm.Viewer, field, kind string, id *int64) error {
	if id == nil {
		return nil
	}
	return s.checkRefs(ctx, v, field, []crm.Ref{{Kind: kind, ID: *id}})
}
