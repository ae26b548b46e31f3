package crm

import (
	"context"
	"time"
)

// Follow-up methods (跟进方式).
const (
	FollowCall    = "call"
	FollowVisit   = "visit"
	FollowWeChat  = "wechat"
	FollowEmail   = "email"
	FollowMeeting = "meeting"
	FollowSMS     = "sms"
	FollowOther   = "other"
)

// FollowUp records one contact with a customer, lead or contact (跟进记录).
type FollowUp struct {
	ID        int64      `json:"id"`
	Method    string     `json:"method"`
	At        time.Time  `json:"at"`
	UserID    int64      `json:"user_id"` // who followed up
	Result    string     `json:"result"`
	Details   string     `json:"details"`
	NextStep  string     `json:"next_step"`
	NextAt    *time.Time `json:"next_at"`
	Refs      []Ref      `json:"refs"`
	CreatedAt time.Time  `json:"created_at"`
}

// Normalize validates f.
func (f *FollowUp) Normalize() error {
	p := Problems{}
	p.Require("method", f.Method)
	p.OneOf("method", f.Method, FollowCall, FollowVisit, FollowWeChat, FollowEmail, FollowMeeting, FollowSMS, FollowOther)
	if f.At.IsZero() {
		p.Add("at", "is required")
	}
	if f.UserID <= 0 {
		p.Add("user_id", "is required")
	}
	if len(f.Refs) == 0 {
		p.Add("refs", "name at least one record followed up")
	}
	validRefs(p, "refs", f.Refs)
	p.MaxLen("details", f.Details, 20000)
	return p.Err()
}

// FollowUpFilter narrows ListFollowUps.
type FollowUpFilter struct {
	Viewer Viewer
	UserID *int64
	Ref    *Ref
	// NextBefore keeps follow-ups whose next step is due before it and not
	// yet answered by a later follow-up on the same record.
	NextBefore *time.Time
	Page       Page
	// The workload report's follow-ups, so that figure opens the list
	// behind it: made in [From, To), by this method, by a member of this
	// team.
	From, To *time.Time
	Method   string
	TeamID   *int64
}

// FollowUpStore keeps follow-up records. A follow-up's owner, for
// visibility, is the user who made it. Recording one on a lead sets the
// lead's LastFollowUpAt.
type FollowUpStore interface {
	// CreateFollowUp stores f. EINVALID.
	CreateFollowUp(ctx context.Context, f *FollowUp) error
	// UpdateFollowUp saves a follow-up v may see. ENOTFOUND, EINVALID.
	UpdateFollowUp(ctx context.Context, v Viewer, f *FollowUp) error
	// FollowUp returns one follow-up. ENOTFOUND.
	FollowUp(ctx context.Context, v Viewer, id int64) (*FollowUp, error)
	// ListFollowUps returns a page of follow-ups, newest first by id.
	ListFollowUps(ctx context.Context, f FollowUpFilter) (List[*FollowUp], error)
}
