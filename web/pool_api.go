package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// releaseBody gives a record back to the pool.
type releaseBody struct {
	Reason string `json:"reason"` // required: why it goes back
}

// assignBody gives a record to a user (分配 from the pool, 转移 from its owner).
type assignBody struct {
	UserID int64  `json:"user_id"`
	Reason string `json:"reason"`
}

// freezeBody freezes a record (冻结) until a release date.
type freezeBody struct {
	Until  *time.Time `json:"until"`  // required: the rules apply again after it
	Reason string     `json:"reason"` // required
}

// owners returns the pool's door, or 501 when this server has none.
func (s *Server) owners() (crm.Owners, error) {
	if s.deps.Pool == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Ownership changes need the pool, which this server does not run.")
	}
	return s.deps.Pool, nil
}

// poolAction runs act on a record v can see and returns it as it is after.
// A record v cannot see is not found, even when it exists: the action must
// not tell which records exist.
func poolAction[T any](r *http.Request, kind string, load func(context.Context, crm.Viewer, int64) (*T, error),
	act func(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error, s *Server) (*T, error) {
	ctx, v := r.Context(), viewerOf(r)
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	o, err := s.owners()
	if err != nil {
		return nil, err
	}
	if _, err := load(ctx, v, id); err != nil {
		return nil, err
	}
	if err := act(ctx, o, v, crm.Ref{Kind: kind, ID: id}); err != nil {
		return nil, err
	}
	return load(ctx, crm.System, id)
}

func claimAct(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error {
	return o.Claim(ctx, v, ref)
}

func releaseAct(r *http.Request) (func(context.Context, crm.Owners, crm.Viewer, crm.Ref) error, error) {
	var b releaseBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	return func(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error {
		return o.Release(ctx, v, ref, b.Reason)
	}, nil
}

func assignAct(r *http.Request) (func(context.Context, crm.Owners, crm.Viewer, crm.Ref) error, error) {
	var b assignBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	if b.UserID <= 0 {
		return nil, invalid("user_id", "is required")
	}
	return func(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error {
		return o.Assign(ctx, v, ref, b.UserID, b.Reason)
	}, nil
}

func freezeAct(r *http.Request) (func(context.Context, crm.Owners, crm.Viewer, crm.Ref) error, error) {
	var b freezeBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	if b.Until == nil {
		return nil, invalid("until", "is required: the date the rules apply again")
	}
	return func(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error {
		return o.Freeze(ctx, v, ref, b.Until, b.Reason)
	}, nil
}

func unfreezeAct(ctx context.Context, o crm.Owners, v crm.Viewer, ref crm.Ref) error {
	return o.Freeze(ctx, v, ref, nil, "")
}

// poolActions are the pool's routes for one kind (leads or customers).
func poolActions[T any](s *Server, kind, path string, load func(context.Context, crm.Viewer, int64) (*T, error)) []route {
	with := func(mk func(*http.Request) (func(context.Context, crm.Owners, crm.Viewer, crm.Ref) error, error)) func(*http.Request) (*T, error) {
		return func(r *http.Request) (*T, error) {
			act, err := mk(r)
			if err != nil {
				return nil, err
			}
			return poolAction(r, kind, load, act, s)
		}
	}
	plain := func(act func(context.Context, crm.Owners, crm.Viewer, crm.Ref) error) func(*http.Request) (*T, error) {
		return func(r *http.Request) (*T, error) { return poolAction(r, kind, load, act, s) }
	}
	base := "/api/v1/" + path + "/{id}/"
	return []route{
		apiRoute(post, base+"claim", "Claim a "+kind+" from the pool (领取): 409 over your cap, the daily "+
			"claim limit or the ex-owner cooldown", plain(claimAct)),
		apiRoute(post, base+"release", "Give a "+kind+" back to the pool (放弃), with a reason",
			with(releaseAct)).in(releaseBody{}),
		apiRoute(post, base+"assign", "Assign a pool "+kind+" to a rep (分配) or transfer an owned one (转移); "+
			"managers within their team; the rep's cap applies", with(assignAct)).in(assignBody{}),
		apiRoute(post, base+"freeze", "Freeze a "+kind+" (冻结) until a release date, with a reason "+
			"(admin or manager): no reclaim until then", with(freezeAct)).in(freezeBody{}),
		apiRoute(post, base+"unfreeze", "Unfreeze a "+kind+" (admin or manager)", plain(unfreezeAct)),
	}
}

// poolListParams narrow and sort lead and customer lists by the pool.
var poolListParams = []param{
	{"sort", "string", "reclaim_at: soonest reclaim first (days left), only records counting down; or a column " +
		"(customers: " + strings.Join(crm.SortKeys["customers"], ", ") + "; leads: " + strings.Join(crm.SortKeys["leads"], ", ") +
		"), - in front for descending, ties by id"},
	{"countdown", "string", "soon: about to be reclaimed (warning date passed); frozen: frozen now"},
	{"pool_team_id", "integer", "only records in this team's pool"},
}

// poolFilter reads the pool's list parameters; unknown values filter
// nothing rather than fail, as the other filters do.
func (s *Server) poolFilter(sort, countdown string, team *int64) crm.PoolFilter {
	f := crm.PoolFilter{PoolTeamID: team}
	if sort == crm.SortReclaim {
		f.Sort = crm.SortReclaim
	}
	now := s.now()
	switch countdown {
	case "soon":
		f.WarnBefore, f.Sort = &now, crm.SortReclaim
	case "frozen":
		f.FrozenAt = &now
	}
	return f
}
