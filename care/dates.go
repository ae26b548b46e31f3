package care

import (
	"time"

	"github.com/6tail/lunar-go/calendar"
	"github.com/rapport-crm/rapport/crm"
)

func dateOf(t time.Time) crm.Date {
	return crm.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func timeOf(d crm.Date, loc *time.Location) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, loc)
}

func addDays(d crm.Date, n int) crm.Date { return dateOf(timeOf(d, time.UTC).AddDate(0, 0, n)) }

// holiday returns the Gregorian date of a lunar holiday in a year: 春节 is
// lunar 1/1, 中秋 lunar 8/15 (computed by 6tail/lunar-go; care_test checks
// it against published dates).
func holiday(kind string, year int) crm.Date {
	month, day := 1, 1
	if kind == crm.CareMidAutumn {
		month, day = 8, 15
	}
	s := calendar.NewLunarFromYmd(year, month, day).GetSolar()
	return crm.Date{Year: s.GetYear(), Month: s.GetMonth(), Day: s.GetDay()}
}

// eventQueries returns the queries whose events make an occurrence of t
// fall on date on; none when the trigger does not fire that day.
func eventQueries(t crm.CareTrigger, on crm.Date) []crm.CareQuery {
	q := func(d crm.Date) []crm.CareQuery { return []crm.CareQuery{{Trigger: t.Kind, Date: d}} }
	switch t.Kind {
	case crm.CareBirthday, crm.CareFirstOrderDay:
		qs := q(on)
		if on.Month == 2 && on.Day == 28 && !leap(on.Year) {
			// Those born on 29 February are greeted on the 28th in other years.
			qs = append(qs, crm.CareQuery{Trigger: t.Kind, Date: crm.Date{Year: on.Year, Month: 2, Day: 29}})
		}
		return qs
	case crm.CareYearlyDate:
		if on.Month == t.Month && on.Day == t.Day {
			return q(on)
		}
	case crm.CareSpringFestival, crm.CareMidAutumn:
		if holiday(t.Kind, on.Year) == on {
			return q(on)
		}
	case crm.CareAfterDelivery, crm.CareAfterSigned, crm.CareAfterPayment, crm.CareNoOrder:
		return q(addDays(on, -t.Days))
	case crm.CareBeforeEnd, crm.CareBeforeDue:
		return q(addDays(on, t.Days))
	}
	return nil
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// clock is a local time of day, "HH:MM", as minutes after midnight.
func clock(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// quiet reports whether local time t falls in the quiet hours [start, end)
// (which may wrap past midnight), and when they end.
func quiet(t time.Time, start, end int) (bool, time.Time) {
	m := t.Hour()*60 + t.Minute()
	in := m >= start && m < end
	if start > end {
		in = m >= start || m < end
	}
	if !in {
		return false, t
	}
	y, mo, d := t.Date()
	until := time.Date(y, mo, d, 0, end, 0, 0, t.Location())
	if !until.After(t) {
		until = until.AddDate(0, 0, 1)
	}
	return true, until
}
