package sqlstore

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// SatisfactionTotals returns answered surveys' totals grouped by q.By. The
// rows are read through the answered_at index and summed here, one pass,
// so that a period (day, month) groups the same on both engines; a rep
// sees only their own scores, a manager their team's. EINVALID for an
// unknown dimension.
func (db *DB) SatisfactionTotals(ctx context.Context, q crm.SatisfactionQuery) ([]crm.SatisfactionRow, error) {
	p := crm.Problems{}
	p.OneOf("by", q.By, crm.SatisfactionByRep, crm.SatisfactionByTeam, crm.SatisfactionByChannel,
		crm.SatisfactionByDay, crm.SatisfactionByMonth)
	if err := p.Err(); err != nil {
		return nil, err
	}
	w := &where{}
	w.and("s.state = 'answered'")
	if !q.From.IsZero() {
		w.and("s.answered_at >= " + w.arg(utc(q.From)))
	}
	if !q.To.IsZero() {
		w.and("s.answered_at < " + w.arg(utc(q.To)))
	}
	w.equalID("s.rep_id", q.RepID)
	w.equalID("s.team_id", q.TeamID)
	if !q.Viewer.SeesAll() {
		w.and(w.owns(q.Viewer, "s.rep_id", false))
	}
	rows := map[string]*crm.SatisfactionRow{}
	err := db.view(ctx, func(qr querier) error {
		rs, err := qr.QueryContext(ctx, `SELECT s.rep_id, s.team_id, s.channel, s.answered_at, s.score, s.low_score
			FROM satisfaction_surveys s`+w.String(), w.args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var rep, team *int64
			var channel string
			var at time.Time
			var score, low int
			if err := rs.Scan(nid{&rep}, nid{&team}, &channel, tm{&at}, &score, &low); err != nil {
				return err
			}
			addScore(rows, totalsKey(q.By, rep, team, channel, at), score, low)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, db.wrap(err, "satisfaction totals")
	}
	return sortedTotals(rows), nil
}

func totalsKey(by string, rep, team *int64, channel string, at time.Time) string {
	id := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	switch by {
	case crm.SatisfactionByRep:
		return id(rep)
	case crm.SatisfactionByTeam:
		return id(team)
	case crm.SatisfactionByChannel:
		return channel
	case crm.SatisfactionByDay:
		return at.UTC().Format(time.DateOnly)
	}
	return at.UTC().Format("2006-01")
}

func addScore(rows map[string]*crm.SatisfactionRow, key string, score, low int) {
	r := rows[key]
	if r == nil {
		r = &crm.SatisfactionRow{Key: key}
		rows[key] = r
	}
	r.Count++
	r.Sum += score
	if score >= 1 && score <= 5 {
		r.Scores[score-1]++
	}
	if score <= low {
		r.Low++
	}
}

func sortedTotals(rows map[string]*crm.SatisfactionRow) []crm.SatisfactionRow {
	out := make([]crm.SatisfactionRow, 0, len(rows))
	for _, r := range rows {
		r.Average = float64(r.Sum) / float64(r.Count)
		r.Percent = 100 * float64(r.Scores[3]+r.Scores[4]) / float64(r.Count)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
