package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.CareStore = (*DB)(nil)

// carePlanSpec is the part of a plan kept as one JSON column: the care
// package validates it, the store only keeps it.
type carePlanSpec struct {
	Trigger   crm.CareTrigger         `json:"trigger"`
	Audience  crm.CareAudience        `json:"audience"`
	Action    string                  `json:"action"`
	Texts     map[string]crm.CareText `json:"texts"`
	Locale    string                  `json:"locale"`
	SendAt    string                  `json:"send_at"`
	GraceDays int                     `json:"grace_days"`
}

const carePlanCols = `id, name, enabled, spec, created_by, created_at, updated_at`

func scanCarePlan(r scanner) (*crm.CarePlan, error) {
	p := &crm.CarePlan{}
	var s carePlanSpec
	err := r.Scan(&p.ID, &p.Name, &p.Enabled, jsonCol{&s}, nid{&p.CreatedBy}, tm{&p.CreatedAt}, tm{&p.UpdatedAt})
	p.Trigger, p.Audience, p.Action, p.Texts, p.Locale, p.SendAt, p.GraceDays =
		s.Trigger, s.Audience, s.Action, s.Texts, s.Locale, s.SendAt, s.GraceDays
	return p, err
}

func specOf(p *crm.CarePlan) any {
	return jsonArg(carePlanSpec{p.Trigger, p.Audience, p.Action, p.Texts, p.Locale, p.SendAt, p.GraceDays})
}

// CreateCarePlan stores p. EINVALID for a creator that does not exist.
func (db *DB) CreateCarePlan(ctx context.Context, p *crm.CarePlan) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO care_plans (name, enabled, spec, created_by, created_at,
			updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
			p.Name, p.Enabled, specOf(p), idArg(p.CreatedBy), now).Scan(&p.ID)
		if err != nil {
			return db.wrap(err, "create care plan")
		}
		p.CreatedAt, p.UpdatedAt = now, now
		return nil
	})
}

// UpdateCarePlan saves p's name, switch and spec. ENOTFOUND.
func (db *DB) UpdateCarePlan(ctx context.Context, p *crm.CarePlan) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE care_plans SET name = $1, enabled = $2, spec = $3, updated_at = $4
			WHERE id = $5`, p.Name, p.Enabled, specOf(p), now, p.ID)
		if err != nil {
			return db.wrap(err, "update care plan")
		}
		p.UpdatedAt = now
		return db.oneRow(res, "Care plan", "update care plan")
	})
}

// CarePlan returns one plan. ENOTFOUND.
func (db *DB) CarePlan(ctx context.Context, id int64) (*crm.CarePlan, error) {
	var p *crm.CarePlan
	err := db.view(ctx, func(q querier) (err error) {
		p, err = scanCarePlan(q.QueryRowContext(ctx, `SELECT `+carePlanCols+` FROM care_plans WHERE id = $1`, id))
		return err
	})
	return p, db.notFound(err, "Care plan", "care plan")
}

// ListCarePlans returns every plan, or only the enabled ones, by id.
func (db *DB) ListCarePlans(ctx context.Context, enabledOnly bool) ([]*crm.CarePlan, error) {
	var ps []*crm.CarePlan
	err := db.view(ctx, func(q querier) (err error) {
		cond := ""
		if enabledOnly {
			cond = ` WHERE enabled = $1`
			ps, err = queryAll(ctx, q, scanCarePlan, `SELECT `+carePlanCols+` FROM care_plans`+cond+` ORDER BY id`, true)
			return err
		}
		ps, err = queryAll(ctx, q, scanCarePlan, `SELECT `+carePlanCols+` FROM care_plans ORDER BY id`)
		return err
	})
	return ps, db.wrap(err, "list care plans")
}
