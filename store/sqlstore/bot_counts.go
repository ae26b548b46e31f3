package sqlstore

import (
	"context"
	"sort"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// BotCounts reports, per channel, account and UTC day in [from, to), what
// the bot did and the share of the conversations it acted in that no rep
// had to write in that day. The day's rows are few; they are summed here
// rather than with each engine's own date functions.
func (db *DB) BotCounts(ctx context.Context, from, to time.Time) ([]*crm.BotDayCount, error) {
	type key struct{ day, channel, account string }
	type convDay struct {
		conv int64
		day  string
	}
	rows := map[key]*crm.BotDayCount{}
	convs := map[key]map[int64]bool{}
	repWrote := map[convDay]bool{}
	err := db.view(ctx, func(q querier) error {
		rs, err := q.QueryContext(ctx, `SELECT channel, account, conversation_id, action, decided_at FROM bot_decisions
			WHERE decided_at >= $1 AND decided_at < $2`, utc(from), utc(to))
		if err != nil {
			return db.wrap(err, "bot counts")
		}
		defer rs.Close()
		for rs.Next() {
			var k key
			var conv int64
			var action string
			var at time.Time
			if err := rs.Scan(&k.channel, &k.account, &conv, &action, tm{&at}); err != nil {
				return db.wrap(err, "bot counts")
			}
			k.day = at.UTC().Format(time.DateOnly)
			c := rows[k]
			if c == nil {
				c = &crm.BotDayCount{Day: k.day, Channel: k.channel, Account: k.account}
				rows[k], convs[k] = c, map[int64]bool{}
			}
			switch action {
			case crm.BotAnswer:
				c.Answered++
				convs[k][conv] = convs[k][conv] || false
			case crm.BotHandoff:
				c.Handoffs++
				convs[k][conv] = true // a person was needed
			case crm.BotAway:
				c.Away++
			}
		}
		if err := rs.Err(); err != nil {
			return db.wrap(err, "bot counts")
		}
		reps, err := q.QueryContext(ctx, `SELECT m.conversation_id, m.created_at FROM messages m
			WHERE m.direction = 'out' AND m.author_id IS NOT NULL AND m.created_at >= $1 AND m.created_at < $2
			  AND EXISTS (SELECT 1 FROM bot_decisions d WHERE d.conversation_id = m.conversation_id)`, utc(from), utc(to))
		if err != nil {
			return db.wrap(err, "bot counts")
		}
		defer reps.Close()
		for reps.Next() {
			var cd convDay
			var at time.Time
			if err := reps.Scan(&cd.conv, tm{&at}); err != nil {
				return db.wrap(err, "bot counts")
			}
			cd.day = at.UTC().Format(time.DateOnly)
			repWrote[cd] = true
		}
		return db.wrap(reps.Err(), "bot counts")
	})
	if err != nil {
		return nil, err
	}
	out := make([]*crm.BotDayCount, 0, len(rows))
	for k, c := range rows {
		for conv, needed := range convs[k] {
			c.Conversations++
			if !needed && !repWrote[convDay{conv, k.day}] {
				c.BotOnly++
			}
		}
		if c.Conversations > 0 {
			c.ResolvedShare = float64(c.BotOnly) / float64(c.Conversations)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Day != b.Day {
			return a.Day < b.Day
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Account < b.Account
	})
	return out, nil
}
