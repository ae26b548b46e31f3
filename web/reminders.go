package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// remindersOut is the bell: how many reminders are due today and how many
// of them are already overdue, and the list.
type remindersOut struct {
	DueToday int            `json:"due_today"`
	Overdue  int            `json:"overdue"`
	Items    []crm.Reminder `json:"items"`
}

// getReminders lists the logged-in user's reminders due by the end of
// today (in the user's time zone, else the company's): follow-ups' next
// steps, tasks, unpaid instalments, contracts ending within 30 days,
// snoozed conversations.
func (s *Server) getReminders(r *http.Request) (*remindersOut, error) {
	if s.deps.Reminders == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Reminders are not set up on this server.")
	}
	items, err := s.reminders(r, viewerOf(r).UserID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := &remindersOut{DueToday: len(items), Items: items}
	for _, it := range items {
		if it.DueAt.Before(now) {
			out.Overdue++
		}
	}
	return out, nil
}
