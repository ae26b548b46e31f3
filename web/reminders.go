package web

import (
	"net/http"
	"time"

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
// today (in the care time zone): follow-ups' next steps, tasks, unpaid
// instalments, contracts ending within 30 days, snoozed conversations.
func (s *Server) getReminders(r *http.Request) (*remindersOut, error) {
	if s.deps.Reminders == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Reminders are not set up on this server.")
	}
	zone, err := time.LoadLocation(crm.DefaultCareTimeZone)
	if err != nil {
		zone = time.UTC
	}
	now := s.now().In(zone)
	y, m, d := now.Date()
	endOfDay := time.Date(y, m, d+1, 0, 0, 0, 0, zone)
	items, err := s.deps.Reminders.Reminders(r.Context(), crm.ReminderQuery{OwnerID: viewerOf(r).UserID,
		Before: endOfDay, Zone: zone, Limit: 500})
	if err != nil {
		return nil, err
	}
	out := &remindersOut{DueToday: len(items), Items: items}
	for _, it := range items {
		if it.DueAt.Before(now) {
			out.Overdue++
		}
	}
	return out, nil
}
