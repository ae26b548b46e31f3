package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

const faqCols = `id, question, alternatives, answer, answer_en, enabled, updated_at`

func scanFAQ(r scanner) (*crm.FAQ, error) {
	f := &crm.FAQ{}
	err := r.Scan(&f.ID, &f.Question, jsonCol{&f.Alternatives}, &f.Answer, &f.AnswerEn, &f.Enabled, tm{&f.UpdatedAt})
	return f, err
}

// FAQs lists every entry by id.
func (db *DB) FAQs(ctx context.Context) (fs []*crm.FAQ, err error) {
	err = db.query(ctx, func(q querier) error {
		fs, err = queryAll(ctx, q, scanFAQ, `SELECT `+faqCols+` FROM bot_faqs ORDER BY id`)
		return db.wrap(err, "faqs")
	})
	return fs, err
}

// FAQ returns one entry. ENOTFOUND.
func (db *DB) FAQ(ctx context.Context, id int64) (f *crm.FAQ, err error) {
	err = db.query(ctx, func(q querier) error {
		f, err = scanFAQ(q.QueryRowContext(ctx, `SELECT `+faqCols+` FROM bot_faqs WHERE id = $1`, id))
		return db.notFound(err, "FAQ entry", "faq")
	})
	return f, err
}

// CreateFAQ validates and stores f, setting its ID.
func (db *DB) CreateFAQ(ctx context.Context, f *crm.FAQ) error {
	return db.ImportFAQs(ctx, []*crm.FAQ{f})
}

// ImportFAQs validates every entry first, so that a broken row (named by
// its position) stores nothing, then adds them all in one transaction.
func (db *DB) ImportFAQs(ctx context.Context, fs []*crm.FAQ) error {
	for i, f := range fs {
		if f.Alternatives == nil {
			f.Alternatives = []string{}
		}
		if err := f.Validate(); err != nil {
			return rowError(err, i, len(fs))
		}
	}
	now := db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, f := range fs {
			f.UpdatedAt = now
			err := tx.QueryRowContext(ctx, `INSERT INTO bot_faqs (question, alternatives, answer, answer_en, enabled, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				f.Question, jsonArg(f.Alternatives), f.Answer, f.AnswerEn, f.Enabled, now).Scan(&f.ID)
			if err != nil {
				return db.wrap(err, "create faq")
			}
		}
		return db.wrap(bumpBotRevision(ctx, tx), "create faq")
	})
}

// UpdateFAQ validates and replaces entry f.ID. ENOTFOUND.
func (db *DB) UpdateFAQ(ctx context.Context, f *crm.FAQ) error {
	if f.Alternatives == nil {
		f.Alternatives = []string{}
	}
	if err := f.Validate(); err != nil {
		return err
	}
	f.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE bot_faqs SET question = $1, alternatives = $2, answer = $3,
			answer_en = $4, enabled = $5, updated_at = $6 WHERE id = $7`,
			f.Question, jsonArg(f.Alternatives), f.Answer, f.AnswerEn, f.Enabled, f.UpdatedAt, f.ID)
		if err != nil {
			return db.wrap(err, "update faq")
		}
		if err := db.oneRow(res, "FAQ entry", "update faq"); err != nil {
			return err
		}
		return db.wrap(bumpBotRevision(ctx, tx), "update faq")
	})
}

// DeleteFAQ removes an entry. ENOTFOUND.
func (db *DB) DeleteFAQ(ctx context.Context, id int64) error {
	return db.deleteBotRow(ctx, `DELETE FROM bot_faqs WHERE id = $1`, id, "FAQ entry")
}

// rowError names the row of an import in the error and its fields
// ("row 3: question"), so that the admin finds what to fix.
func rowError(err error, i, n int) error {
	var e *crm.Error
	if n == 1 || !errors.As(err, &e) {
		return err
	}
	fields := map[string]string{}
	for f, msg := range e.Fields {
		fields[fmt.Sprintf("row %d: %s", i+1, f)] = msg
	}
	return &crm.Error{Code: e.Code, Message: fmt.Sprintf("Row %d is invalid; nothing was imported.", i+1), Fields: fields}
}
