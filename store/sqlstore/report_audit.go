package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var (
	_ crm.AuditReader   = (*DB)(nil)
	_ crm.LeadConverter = (*DB)(nil)
)

// ListAudit returns a page of audit entries, newest first: an admin's all,
// a manager's those by their team (and themselves), anyone else's their own.
func (db *DB) ListAudit(ctx context.Context, v crm.Viewer, f crm.AuditFilter) (l crm.List[*crm.AuditEntry], err error) {
	pg := f.Page.Clamp()
	w := &where{}
	if !v.SeesAll() {
		w.and(w.owns(v, "a.actor_id", false))
	}
	if f.Subject != nil {
		w.and("a.subject_kind = " + w.arg(f.Subject.Kind) + " AND a.subject_id = " + w.arg(f.Subject.ID))
	}
	w.equalID("a.actor_id", f.ActorID)
	w.equal("a.action", f.Action)
	tail := w.page("a.id", pg.After, pg.Limit)
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, func(s scanner) (*crm.AuditEntry, error) {
			e := &crm.AuditEntry{}
			return e, s.Scan(&e.ID, nid{&e.ActorID}, &e.Action, &e.Subject.Kind, &e.Subject.ID, &e.Detail, tm{&e.At})
		}, `SELECT a.id, a.actor_id, a.action, a.subject_kind, a.subject_id, a.detail, a.at FROM audit_log a`+
			w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(e *crm.AuditEntry) int64 { return e.ID })
		return db.wrap(err, "list audit")
	})
	return l, err
}

// SampleFollowUps picks up to n follow-ups of the period, unreviewed
// first, in an order that scatters them over reps and days but is the
// same on every call (a reviewer's queue does not reshuffle).
func (db *DB) SampleFollowUps(ctx context.Context, q crm.ReportQuery, n int) (out []crm.AuditSample, err error) {
	n = crm.Page{Limit: n}.Clamp().Limit
	w := &where{}
	dayRange(w, "f.at", q, q.From, q.To)
	w.visible(q.Viewer, "f.user_id")
	scopeOwner(w, q, "f.user_id")
	err = db.query(ctx, func(qr querier) error {
		out, err = queryAll(ctx, qr, func(r scanner) (crm.AuditSample, error) {
			var s crm.AuditSample
			var rv crm.FollowUpReview
			var reviewer *int64
			var verdict, note sql.NullString
			var at *time.Time
			f := &crm.FollowUp{}
			err := r.Scan(&f.ID, &f.Method, tm{&f.At}, &f.UserID, &f.Result, &f.Details, &f.NextStep, ntm{&f.NextAt},
				jsonCol{&f.Refs}, tm{&f.CreatedAt}, nid{&reviewer}, &verdict, &note, ntm{&at})
			if err != nil {
				return s, err
			}
			s.FollowUp = f
			if reviewer != nil && at != nil {
				rv = crm.FollowUpReview{FollowUpID: f.ID, ReviewerID: *reviewer, Verdict: verdict.String,
					Note: note.String, ReviewedAt: *at}
				s.Review = &rv
			}
			return s, nil
		}, `SELECT `+followUpCols+`, r.reviewer_id, r.verdict, r.note, r.reviewed_at FROM followups f
			LEFT JOIN followup_reviews r ON r.followup_id = f.id`+w.String()+`
			ORDER BY CASE WHEN r.followup_id IS NULL THEN 0 ELSE 1 END, (f.id * 7919) % 10007, f.id LIMIT `+strconv.Itoa(n), w.args...)
		return db.wrap(err, "sample follow-ups")
	})
	return out, err
}

// ReviewFollowUp records a review of a follow-up v may see, with its
// audit entry, in one transaction.
func (db *DB) ReviewFollowUp(ctx context.Context, v crm.Viewer, r *crm.FollowUpReview) error {
	p := crm.Problems{}
	p.OneOf("verdict", r.Verdict, crm.ReviewOK, crm.ReviewQuestioned)
	p.MaxLen("note", r.Note, 2000)
	if err := p.Err(); err != nil {
		return err
	}
	if _, err := db.FollowUp(ctx, v, r.FollowUpID); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		r.ReviewerID, r.ReviewedAt = v.UserID, db.now()
		_, err := tx.ExecContext(ctx, `INSERT INTO followup_reviews (followup_id, reviewer_id, verdict, note, reviewed_at)
			VALUES ($1, $2, $3, $4, $5)`, r.FollowUpID, r.ReviewerID, r.Verdict, r.Note, r.ReviewedAt)
		if err != nil {
			return db.conflict(err, "review follow-up", "This follow-up was reviewed already.")
		}
		actor := v.UserID
		return db.Audit(ctx, &crm.AuditEntry{ActorID: &actor, Action: "followup.review",
			Subject: crm.Ref{Kind: "followup", ID: r.FollowUpID}, Detail: r.Verdict})
	})
}

func viewerID(v crm.Viewer) *int64 {
	if v.UserID == 0 {
		return nil
	}
	id := v.UserID
	return &id
}
