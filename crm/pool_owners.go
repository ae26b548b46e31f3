package crm

import (
	"context"
	"time"
)

// Owners is the one door for changing who owns a lead or customer: every
// path (claim, release, assign, transfer, an owner sent with a record)
// goes through the pool's rules. The pool package implements it.
type Owners interface {
	// Claim gives a pool record to v's user. ECONFLICT (taken, a cap, the
	// daily limit, the cooldown), EFORBIDDEN, ENOTFOUND.
	Claim(ctx context.Context, v Viewer, r Ref) error
	// Release gives v's record back to the pool with a reason.
	Release(ctx context.Context, v Viewer, r Ref, reason string) error
	// Assign gives a record to a user: from the pool, or from its owner.
	Assign(ctx context.Context, v Viewer, r Ref, to int64, reason string) error
	// SetOwner turns an owner sent with a record into one of the above.
	SetOwner(ctx context.Context, v Viewer, r Ref, old, to *int64, reason string) error
	// CheckNewOwner says whether a new record of kind may be given to user
	// to (the cap). ECONFLICT.
	CheckNewOwner(ctx context.Context, v Viewer, kind string, to int64) error
	// Freeze freezes a record until a date with a reason; nil unfreezes.
	Freeze(ctx context.Context, v Viewer, r Ref, until *time.Time, reason string) error
}
