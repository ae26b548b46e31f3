package sqlstore

// inTeam adds "the user in col is a member of team", the reports' team
// rows (a record counts in its responsible user's team), unless team is
// nil.
func (w *where) inTeam(col string, team *int64) {
	if team != nil {
		w.and(col + " IN (SELECT id FROM users WHERE team_id = " + w.arg(*team) + ")")
	}
}
