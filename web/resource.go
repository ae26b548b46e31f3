package web

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// resource describes one kind of owned record, so that create, get and
// update work the same way for all of them.
type resource[T any] struct {
	kind       string // a crm.Ref kind, for the audit trail
	ownerField string // the JSON field that decides visibility
	owner      func(*T) *int64
	id         func(*T) int64
	fresh      func(v crm.Viewer) *T                                                   // a new record with its defaults
	keep       func(dst, src *T)                                                       // copies the read-only fields
	check      func(ctx context.Context, v crm.Viewer, b *jsonBody, old, rec *T) error // old is nil on create
	load       func(ctx context.Context, v crm.Viewer, id int64) (*T, error)
	create     func(ctx context.Context, v crm.Viewer, rec *T) error
	save       func(ctx context.Context, v crm.Viewer, rec *T) error
}

// createRecord decodes a new record onto its defaults, checks its owner and
// fields, and stores it.
func createRecord[T any](r *http.Request, s *Server, res resource[T]) (*T, error) {
	ctx, v := r.Context(), viewerOf(r)
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	rec := res.fresh(v)
	if err := b.into(rec); err != nil {
		return nil, err
	}
	res.keep(rec, res.fresh(v))
	if err := s.checkAssign(ctx, v, res.ownerField, res.owner(rec)); err != nil {
		return nil, err
	}
	if err := res.check(ctx, v, b, nil, rec); err != nil {
		return nil, err
	}
	if owner := res.owner(rec); owner != nil && pooled(res.kind) {
		// The cap holds for records created with an owner too; the check
		// and the insert share a transaction, so two creations queue.
		err := s.store.WithTx(ctx, func(ctx context.Context) error {
			if err := s.checkNewOwner(ctx, v, res.kind, *owner); err != nil {
				return err
			}
			return res.create(ctx, v, rec)
		})
		if err == nil {
			s.hookCreated(res.kind, res.id(rec)) // after the commit
		}
		return rec, err
	}
	if err := res.create(ctx, v, rec); err != nil {
		return nil, err
	}
	s.hookCreated(res.kind, res.id(rec))
	return rec, nil
}

// getRecord returns one record the user may see.
func getRecord[T any](r *http.Request, res resource[T]) (*T, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return res.load(r.Context(), viewerOf(r), id)
}

// updateRecord loads a visible record, decodes the body onto a copy of it so
// that only the fields sent change, checks and saves it.
func updateRecord[T any](r *http.Request, s *Server, res resource[T]) (*T, error) {
	ctx, v := r.Context(), viewerOf(r)
	old, err := getRecord(r, res)
	if err != nil {
		return nil, err
	}
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	rec, err := clone(old)
	if err != nil {
		return nil, err
	}
	if err := b.into(rec); err != nil {
		return nil, err
	}
	res.keep(rec, old)
	if !sameID(res.owner(old), res.owner(rec)) {
		if err := s.checkAssign(ctx, v, res.ownerField, res.owner(rec)); err != nil {
			return nil, err
		}
	}
	if err := res.check(ctx, v, b, old, rec); err != nil {
		return nil, err
	}
	if pooled(res.kind) && !sameID(res.owner(old), res.owner(rec)) {
		return rec, moveThenSave(ctx, v, s, res, old, rec)
	}
	if err := res.save(ctx, v, rec); err != nil {
		return nil, err
	}
	subject := crm.Ref{Kind: res.kind, ID: res.id(rec)}
	return rec, s.auditAssign(ctx, v, subject, res.owner(old), res.owner(rec))
}

// clone deep-copies a record through its JSON form, so that decoding onto
// the copy cannot reach the original through shared pointers or slices.
func clone[T any](v *T) (*T, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := new(T)
	return out, json.Unmarshal(b, out)
}

// changed reports whether a field must be checked: always on create, and on
// update when the body sets it.
func changed[T any](b *jsonBody, old *T, field string) bool {
	return old == nil || b.has(field)
}

// pooled kinds change owner only through the pool's rules.
func pooled(kind string) bool { return kind == crm.RefLead || kind == crm.RefCustomer }

// moveThenSave sends an owner change with a record through the pool (a
// claim, release, assignment or transfer, with its checks and audit), then
// saves the other fields, in one transaction: refused, nothing changes.
func moveThenSave[T any](ctx context.Context, v crm.Viewer, s *Server, res resource[T], old, rec *T) error {
	o, err := s.owners()
	if err != nil {
		return err
	}
	ref := crm.Ref{Kind: res.kind, ID: res.id(rec)}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		if err := o.SetOwner(ctx, v, ref, res.owner(old), res.owner(rec), ""); err != nil {
			return err
		}
		// v was allowed to see the record; after a transfer they may not.
		return res.save(ctx, crm.System, rec)
	})
}

// checkNewOwner applies the pool's cap to a new record's owner.
// Without a pool (a test server) there is no cap to apply.
func (s *Server) checkNewOwner(ctx context.Context, v crm.Viewer, kind string, owner int64) error {
	if s.deps.Pool == nil {
		return nil
	}
	return s.deps.Pool.CheckNewOwner(ctx, v, kind, owner)
}
