package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// addPhrasing appends text to entry faqID's alternatives unless a
// phrasing of it reads the same already. EINVALID: no such entry, or no
// room for another phrasing.
func (db *DB) addPhrasing(ctx context.Context, tx *sql.Tx, faqID int64, text string) (*crm.FAQ, error) {
	if err := bumpBotRevision(ctx, tx); err != nil {
		return nil, db.wrap(err, "teach faq")
	}
	f, err := scanFAQ(tx.QueryRowContext(ctx, `SELECT `+faqCols+` FROM bot_faqs WHERE id = $1`, faqID))
	if err == sql.ErrNoRows {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "No such FAQ entry.",
			Fields: map[string]string{"faq_id": "names no FAQ entry"}}
	}
	if err != nil {
		return nil, db.wrap(err, "teach faq")
	}
	key := crm.QuestionKey(text)
	if crm.QuestionKey(f.Question) == key || slices.ContainsFunc(f.Alternatives, func(a string) bool { return crm.QuestionKey(a) == key }) {
		return f, nil
	}
	f.Alternatives = append(f.Alternatives, text)
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.UpdatedAt = db.now()
	_, err = tx.ExecContext(ctx, `UPDATE bot_faqs SET alternatives = $1, updated_at = $2 WHERE id = $3`,
		jsonArg(f.Alternatives), f.UpdatedAt, f.ID)
	return f, db.wrap(err, "teach faq")
}

// handle marks the question, then its identical waiting ones, and audits
// what was done. The question's own update re-checks that it still waits:
// on PostgreSQL a concurrent admin may have handled it since it was read.
func (db *DB) handle(ctx context.Context, tx *sql.Tx, t *crm.Teaching, w *waiting, by int64, outcome, detail string) error {
	var faq, actor *int64
	if t.FAQ != nil {
		faq = &t.FAQ.ID
	}
	if by != 0 {
		actor = &by
	}
	now := db.now()
	set := `UPDATE bot_unanswered SET outcome = $1, faq_id = $2, handled_by = $3, handled_at = $4 WHERE outcome = ''`
	res, err := tx.ExecContext(ctx, set+` AND message_id = $5`, outcome, idArg(faq), idArg(actor), now, w.id)
	if err != nil {
		return db.wrap(err, "handle unanswered question")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crm.Errorf(crm.ECONFLICT, "This question was handled meanwhile.")
	}
	res, err = tx.ExecContext(ctx, set+` AND question_key = $5`, outcome, idArg(faq), idArg(actor), now, w.key)
	if err != nil {
		return db.wrap(err, "handle unanswered questions")
	}
	n, _ := res.RowsAffected()
	t.Handled = 1 + int(n)
	if t.Handled > 1 {
		detail += fmt.Sprintf(" (%d questions)", t.Handled)
	}
	return db.Audit(ctx, &crm.AuditEntry{ActorID: actor, Action: "bot.unanswered_" + outcome,
		Subject: crm.Ref{Kind: crm.RefMessage, ID: w.id}, Detail: detail})
}

// short is a question as an audit entry quotes it.
func short(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
