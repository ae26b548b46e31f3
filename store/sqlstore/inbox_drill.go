package sqlstore

import "github.com/rapport-crm/rapport/crm"

// drillFilters adds the conditions of a service report drill: the same
// tests the report's figures apply (see report_service.go), so that the
// list behind a figure holds the conversations it counts.
func drillFilters(w *where, d crm.InboxDrill) {
	if d.Empty() {
		return
	}
	// window is " AND col in [From, To)" for the bounds given.
	window := func(col string) string {
		out := ""
		if d.From != nil {
			out += " AND " + col + " >= " + w.arg(*d.From)
		}
		if d.To != nil {
			out += " AND " + col + " < " + w.arg(*d.To)
		}
		return out
	}
	switch d.On {
	case crm.DrillAnswer, crm.DrillHandoff:
		w.and("EXISTS (SELECT 1 FROM bot_decisions bd WHERE bd.conversation_id = v.id AND bd.action = " + w.arg(d.On) +
			window("bd.decided_at") + ")")
	case crm.DrillSurveyed:
		w.and("EXISTS (SELECT 1 FROM satisfaction_surveys sv WHERE sv.conversation_id = v.id AND sv.state = 'answered'" +
			" AND sv.score IS NOT NULL" + window("sv.answered_at") + ")")
	default:
		w.and("1 = 1" + window("v.created_at"))
	}
	w.equalID("v.assignee_id", d.AssigneeID)
	if d.AssigneeTeamID != nil {
		w.and("v.assignee_id IN (SELECT id FROM users WHERE team_id = " + w.arg(*d.AssigneeTeamID) + ")")
	}
	if d.Waiting || d.WaitingBefore != nil {
		w.and("v.status <> 'resolved' AND v.last_inbound_at IS NOT NULL" +
			" AND v.last_inbound_at >= COALESCE(v.resolved_at, v.last_message_at)")
	}
	if d.WaitingBefore != nil {
		w.and("v.last_inbound_at < " + w.arg(*d.WaitingBefore))
	}
	if d.Answered {
		w.and("EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'out' AND m.author_id IS NOT NULL)")
	}
	if d.Resolved {
		w.and("v.status = 'resolved'")
	}
}
