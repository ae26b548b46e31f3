package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// listQuery is one list request with its filters bound once: any page of
// it (the page shown, or each page of an export in turn) and its total,
// all for the same viewer, so a count or an export never sees more than
// the list does.
type listQuery[T any] struct {
	page  func(p crm.Page) (crm.List[*T], error)
	count func() (int64, error)
}

// bindList binds a store filter f to the store's list and count of its
// type; setPage puts a page into a copy of the filter.
func bindList[T, F any](r *http.Request, f F, setPage func(*F, crm.Page),
	list func(context.Context, F) (crm.List[*T], error), count func(context.Context, F) (int64, error)) listQuery[T] {
	ctx := r.Context()
	return listQuery[T]{
		page: func(p crm.Page) (crm.List[*T], error) {
			g := f
			setPage(&g, p)
			return list(ctx, g)
		},
		count: func() (int64, error) { return count(ctx, f) },
	}
}

// countBy adapts one of crm.ListCounter's methods to s's store, which
// answers 501 when it counts no lists.
func countBy[F any](s *Server, m func(crm.ListCounter, context.Context, F) (int64, error)) func(context.Context, F) (int64, error) {
	return func(ctx context.Context, f F) (int64, error) {
		ls, err := s.lists()
		if err != nil {
			return 0, err
		}
		return m(ls, ctx, f)
	}
}

// lists is the store's list totals and views; a store without them answers 501.
func (s *Server) lists() (listStore, error) {
	ls, ok := s.store.(listStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store keeps no list totals or views.")
	}
	return ls, nil
}

type listStore interface {
	crm.ListCounter
	crm.ListViewStore
}
