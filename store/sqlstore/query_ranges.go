package sqlstore

import "time"

// inTeam adds "the user in col is a member of team", the reports' team
// rows (a record counts in its responsible user's team), unless team is
// nil.
func (w *where) inTeam(col string, team *int64) {
	if team != nil {
		w.and(col + " IN (SELECT id FROM users WHERE team_id = " + w.arg(*team) + ")")
	}
}

// within adds "col is in [from, to)" for a timestamp column, each bound
// only when not nil.
func (w *where) within(col string, from, to *time.Time) {
	if from != nil {
		w.and(col + " >= " + w.arg(utc(*from)))
	}
	if to != nil {
		w.and(col + " < " + w.arg(utc(*to)))
	}
}
