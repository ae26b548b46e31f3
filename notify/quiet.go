package notify

import (
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// quiet reports whether now falls in the user's quiet hours (theirs, else
// the company's, in their zone, else the company's), and when they end.
func (s *Service) quiet(st *crm.UserSettings, now time.Time) (bool, time.Time) {
	zone := s.cfg.Zone
	if st.TimeZone != "" {
		if z, err := time.LoadLocation(st.TimeZone); err == nil {
			zone = z
		}
	}
	start, end := s.cfg.QuietStart, s.cfg.QuietEnd
	if st.QuietStart != "" && st.QuietEnd != "" {
		start, end = st.QuietStart, st.QuietEnd
	}
	a, err1 := time.Parse("15:04", start)
	b, err2 := time.Parse("15:04", end)
	if err1 != nil || err2 != nil {
		return false, now
	}
	t := now.In(zone)
	m, from, to := t.Hour()*60+t.Minute(), a.Hour()*60+a.Minute(), b.Hour()*60+b.Minute()
	in := m >= from && m < to
	if from > to { // past midnight
		in = m >= from || m < to
	}
	if !in {
		return false, now
	}
	y, mo, d := t.Date()
	until := time.Date(y, mo, d, 0, to, 0, 0, zone)
	if !until.After(t) {
		until = until.AddDate(0, 0, 1)
	}
	return true, until.UTC()
}
