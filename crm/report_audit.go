package crm

import (
	"context"
	"time"
)

// AuditFilter narrows ListAudit. Zero fields do not filter.
type AuditFilter struct {
	Subject *Ref   // entries about this record
	ActorID *int64 // entries by this user
	Action  string // e.g. "customer.assign"
	Page    Page
}

// Review verdicts of the follow-up audit (稽核).
const (
	ReviewOK         = "ok"
	ReviewQuestioned = "questioned"
)

// FollowUpReview is a manager's review of one follow-up.
type FollowUpReview struct {
	FollowUpID int64     `json:"followup_id"`
	ReviewerID int64     `json:"reviewer_id"`
	Verdict    string    `json:"verdict" doc:"ok, or questioned (the follow-up looks doubtful)"`
	Note       string    `json:"note"`
	ReviewedAt time.Time `json:"reviewed_at"`
}

// AuditSample is one follow-up in the audit queue with its review, if any.
type AuditSample struct {
	FollowUp *FollowUp       `json:"followup"`
	Review   *FollowUpReview `json:"review"`
}

// AuditReader keeps the audit trail's reader and the follow-up audit
// queue. Only managers (their team's follow-ups) and admins use them.
type AuditReader interface {
	// ListAudit returns a page of audit entries, newest first. Admins see
	// every entry; a manager the entries whose actor is in their team.
	ListAudit(ctx context.Context, v Viewer, f AuditFilter) (List[*AuditEntry], error)
	// SampleFollowUps returns up to n follow-ups logged on from…to by
	// users v may see (filtered by q's team and user), picked evenly
	// across the period by a stable rule, unreviewed first.
	SampleFollowUps(ctx context.Context, q ReportQuery, n int) ([]AuditSample, error)
	// ReviewFollowUp records r (and its audit entry). ENOTFOUND when v may
	// not see the follow-up; ECONFLICT when it was reviewed already.
	ReviewFollowUp(ctx context.Context, v Viewer, r *FollowUpReview) error
}
