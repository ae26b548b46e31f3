package sqlstore

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// serviceReport: conversations opened in the period, the hours to a
// person's first reply and to resolution (p50, p90), those still waiting
// for an answer (overdue: waiting since before today), and what the bot
// did, and the mean satisfaction score (1–5) of the surveys answered in the
// period ("—" when none was answered, never zero).
var serviceReport = reportKind{
	cols: func(crm.ReportQuery) []crm.ReportColumn {
		return []crm.ReportColumn{{Key: "conversations", Kind: "count"},
			{Key: "first_response_p50", Kind: "hours"}, {Key: "first_response_p90", Kind: "hours"},
			{Key: "resolution_p50", Kind: "hours"}, {Key: "resolution_p90", Kind: "hours"},
			{Key: "unanswered", Kind: "count"}, {Key: "overdue", Kind: "count"},
			{Key: "bot_answers", Kind: "count"}, {Key: "handoffs", Kind: "count"}, {Key: "satisfaction", Kind: "score"}}
	},
	hidden: 2, // the answered surveys' scores summed, and their number
	derive: func(v []*float64, s map[int][]float64) {
		v[1], v[2] = percentile(s[1], .5), percentile(s[1], .9)
		v[3], v[4] = percentile(s[3], .5), percentile(s[3], .9)
		v[9] = ratio(num(v[10]), num(v[11]), 1)
	},
	run: func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
		convs, err := db.conversationParts(ctx, qr, q, from, to)
		if err != nil {
			return nil, err
		}
		bot, err := db.botParts(ctx, qr, q, from, to)
		if err != nil {
			return nil, err
		}
		sat, err := db.satisfactionParts(ctx, qr, q, from, to)
		return append(append(convs, bot...), sat...), err
	},
}

// serviceKey is each dimension's key and label over conversations c and
// assignees u.
func (db *DB) serviceKey(q crm.ReportQuery, when string) (string, string) {
	switch q.By {
	case crm.ByChannel:
		return "c.channel", "c.channel"
	case crm.ByRep:
		return "c.assignee_id", "u.name"
	case crm.ByTeam:
		return "u.team_id", "t.name"
	}
	return db.localDay(when, q.Offset), "''"
}

func (db *DB) serviceWhere(w *where, q crm.ReportQuery) string {
	w.visible(q.Viewer, "c.assignee_id")
	scopeOwner(w, q, "c.assignee_id")
	w.equal("c.channel", q.Channel)
	return " LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN teams t ON t.id = u.team_id"
}

func (db *DB) conversationParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	dayRange(w, "c.created_at", q, from, to)
	joins := db.serviceWhere(w, q)
	key, label := db.serviceKey(q, "c.created_at")
	sqlText := `SELECT ` + key + `, ` + label + `, c.status, c.created_at, COALESCE(c.resolved_at, c.last_message_at), c.last_inbound_at,
		(SELECT min(m.sent_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in'),
		(SELECT min(m.sent_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out' AND m.author_id IS NOT NULL)
		FROM conversations c` + joins + w.String()
	dayStart := q.Today.Time().Add(-time.Duration(q.Offset) * time.Minute)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 12), samples: map[int][]float64{}}
		var status string
		var created, last time.Time
		var inbound, firstIn, firstOut *time.Time
		dest := []any{strKey{&p.key}, strKey{&p.label}, &status, tm{&created}, tm{&last}, ntm{&inbound}, ntm{&firstIn}, ntm{&firstOut}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		if err := r.Scan(dest...); err != nil {
			return p, err
		}
		p.vals[0] = 1
		if firstIn != nil && firstOut != nil && !firstOut.Before(*firstIn) {
			p.samples[1] = []float64{firstOut.Sub(*firstIn).Hours()}
		}
		if status == "resolved" {
			p.samples[3] = []float64{last.Sub(created).Hours()}
		}
		if waiting := status != "resolved" && inbound != nil && !inbound.Before(last); waiting {
			p.vals[5] = 1
			if inbound.Before(dayStart) {
				p.vals[6] = 1
			}
		}
		return p, nil
	}, sqlText, w.args...)
	return ps, db.wrap(err, "service conversations")
}

// botParts counts the bot's decisions of the period. Each decision looks
// up its conversation's assignee by key (the derived table c): a join let
// PostgreSQL scan every conversation to hash them (120 ms and more at 200k
// conversations for a month's 1,600 decisions).
func (db *DB) botParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	joins := db.serviceWhere(w, q)
	key, label := db.serviceKey(q, "c.decided_at")
	inner := &where{args: w.args}
	dayRange(inner, "bd.decided_at", q, from, to)
	w.args = inner.args
	sqlText := `SELECT ` + key + `, ` + label + `, sum(CASE WHEN c.action = '` + crm.BotAnswer + `' THEN 1 ELSE 0 END),
		sum(CASE WHEN c.action = '` + crm.BotHandoff + `' THEN 1 ELSE 0 END)
		FROM (SELECT bd.decided_at, bd.action, bd.channel,
			(SELECT x.assignee_id FROM conversations x WHERE x.id = bd.conversation_id) AS assignee_id
			FROM bot_decisions bd` + inner.String() + `) c` + joins + w.String() + groupBy(key, label)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 12)}
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[7]}, fl{&p.vals[8]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return p, r.Scan(dest...)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "service bot")
}

// satisfactionParts sums the scores of the surveys answered in the period,
// by the conversation's dimension.
func (db *DB) satisfactionParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	w.and("sv.state = 'answered' AND sv.score IS NOT NULL")
	dayRange(w, "sv.answered_at", q, from, to)
	joins := db.serviceWhere(w, q)
	key, label := db.serviceKey(q, "sv.answered_at")
	sqlText := `SELECT ` + key + `, ` + label + `, sum(sv.score), count(*)
		FROM satisfaction_surveys sv JOIN conversations c ON c.id = sv.conversation_id` + joins + w.String() +
		groupBy(key, label)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 12)}
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[10]}, fl{&p.vals[11]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return p, r.Scan(dest...)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "service satisfaction")
}
