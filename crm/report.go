package crm

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Report grains: the period each bucket of a time series covers.
const (
	GrainDay     = "day"
	GrainWeek    = "week" // Monday to Sunday
	GrainMonth   = "month"
	GrainQuarter = "quarter"
	GrainYear    = "year"
)

// Compare modes: period over period.
const (
	CompareNone     = ""
	ComparePrevious = "previous" // the same number of days just before
	CompareYear     = "year"     // the same days a year before (YoY)
)

// maxDays is how long a period may be at each grain: a series of a few
// hundred buckets at most, and a query whose cost stays bounded.
var maxDays = map[string]int{GrainDay: 93, GrainWeek: 371, GrainMonth: 1100, GrainQuarter: 1830, GrainYear: 3660}

// ReportQuery asks for one report table. Zero filters do not filter.
type ReportQuery struct {
	Viewer  Viewer
	Report  string // sales, receivables, workload, funnel, service
	By      string // the dimension rows are grouped by; "" : the report's first
	Grain   string // the bucket of the period dimension; "" : month
	From    Date   // inclusive
	To      Date   // inclusive
	Compare string
	TeamID  *int64
	UserID  *int64
	Channel string // wechat, email, webform…
	Top     int    // keep the N largest rows; 0: all
	Today   Date   // the viewer's today, for overdue and aging
	// Offset is the viewer's time zone offset in minutes east of UTC: a
	// timestamp counts on its local day.
	Offset int
}

// ReportColumn is one measure of a table: its key and how to show it.
type ReportColumn struct {
	Key  string `json:"key"`
	Kind string `json:"kind" doc:"count, money (minor units), percent (0–100), hours"`
}

// ReportRow is one group: its key (an id, a day, a bucket), its label and
// a value per column; nil: not known (a margin without costs).
type ReportRow struct {
	Key      string     `json:"key"`
	Label    string     `json:"label"`
	Values   []*float64 `json:"values"`
	Previous []*float64 `json:"previous,omitempty" doc:"the same measures over the comparison period"`
}

// ReportTable is a report's answer.
type ReportTable struct {
	Report  string         `json:"report"`
	By      string         `json:"by"`
	Grain   string         `json:"grain"`
	From    Date           `json:"from"`
	To      Date           `json:"to"`
	Today   Date           `json:"today" doc:"the day overdue and aging figures are counted against"`
	Columns []ReportColumn `json:"columns"`
	Rows    []ReportRow    `json:"rows"`
	Total   ReportRow      `json:"total"`
	// PrevFrom and PrevTo are the comparison period, when asked for.
	PrevFrom *Date `json:"prev_from,omitempty"`
	PrevTo   *Date `json:"prev_to,omitempty"`
	// NoData names the measures whose data Rapport does not record yet
	// (satisfaction scores before surveys exist): shown as "no data",
	// never as zero.
	NoData []string `json:"no_data"`
}

// ReportSpec is what one report accepts.
type ReportSpec struct {
	Dimensions []string `json:"dimensions" doc:"the first is the default"`
	Measures   []string `json:"measures"`
	Channel    bool     `json:"channel" doc:"whether the channel filter applies"`
}

// ReportStore answers reports over the records a viewer may see.
type ReportStore interface {
	// Report runs q. EINVALID naming the field (report, by, grain, from,
	// to, compare, top) of a query it cannot answer; EFORBIDDEN naming
	// team_id or user_id when the viewer may not filter by them.
	Report(ctx context.Context, q ReportQuery) (*ReportTable, error)
	// RefreshReportRollups folds the days changed since the last refresh
	// into the report rollups and says how many days it rebuilt. Reports
	// are exact without it (stale days are read from the records); it is
	// what makes them fast. The scheduler runs it every minute.
	RefreshReportRollups(ctx context.Context) (int, error)
	// StaleReportRollups marks every day stale, so the next refresh
	// rebuilds the rollups whole (`rapport reports rebuild`).
	StaleReportRollups(ctx context.Context) error
}

// Check validates q against spec and fills its defaults. It checks what
// needs no database: the store checks that a manager's user_id is in
// their team.
func (q *ReportQuery) Check(spec ReportSpec) error {
	if q.By == "" {
		q.By = spec.Dimensions[0]
	}
	if q.Grain == "" {
		q.Grain = GrainMonth
	}
	p := Problems{}
	if !slices.Contains(spec.Dimensions, q.By) {
		p.Add("by", "unknown dimension \""+q.By+"\" (one of "+strings.Join(spec.Dimensions, ", ")+")")
	}
	p.OneOf("grain", q.Grain, GrainDay, GrainWeek, GrainMonth, GrainQuarter, GrainYear)
	p.OneOf("compare", q.Compare, CompareNone, ComparePrevious, CompareYear)
	q.checkPeriod(p)
	if q.Top < 0 || q.Top > 1000 {
		p.Add("top", "must be between 1 and 1000")
	}
	if q.Channel != "" && !spec.Channel {
		p.Add("channel", "this report has no channel filter")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return q.checkFilters()
}

func (q *ReportQuery) checkPeriod(p Problems) {
	from, to := q.From.Time(), q.To.Time()
	switch {
	case q.From == (Date{}) || q.To == (Date{}):
		p.Add("from", "from and to are required (YYYY-MM-DD)")
	case to.Before(from):
		p.Add("to", "is before from")
	case maxDays[q.Grain] > 0 && int(to.Sub(from).Hours()/24)+1 > maxDays[q.Grain]:
		p.Add("to", "the period is too long for the grain "+q.Grain+" (at most "+itoa(maxDays[q.Grain])+" days)")
	}
}

// checkFilters refuses the team and user filters a viewer may not use:
// a rep sees only their own figures, a manager their team's.
func (q *ReportQuery) checkFilters() error {
	v := q.Viewer
	forbid := func(field, msg string) error {
		return &Error{Code: EFORBIDDEN, Message: "You may not filter reports by " + field + ".",
			Fields: map[string]string{field: msg}}
	}
	switch v.Role {
	case RoleAdmin:
		return nil
	case RoleManager:
		if q.TeamID != nil && *q.TeamID != v.TeamID {
			return forbid("team_id", "may only be your own team")
		}
		return nil
	}
	if q.TeamID != nil {
		return forbid("team_id", "reps see their own figures only")
	}
	if q.UserID != nil && *q.UserID != v.UserID {
		return forbid("user_id", "may only be yourself")
	}
	return nil
}

// Time is d at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// DateOf is the calendar day of t.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// Comparison is the period q.Compare compares with, if any.
func (q *ReportQuery) Comparison() (from, to Date, ok bool) {
	f, t := q.From.Time(), q.To.Time()
	switch q.Compare {
	case ComparePrevious:
		if months := q.wholeMonths(); months > 0 {
			return DateOf(f.AddDate(0, -months, 0)), DateOf(f.AddDate(0, 0, -1)), true
		}
		days := int(t.Sub(f).Hours()/24) + 1
		return DateOf(f.AddDate(0, 0, -days)), DateOf(f.AddDate(0, 0, -1)), true
	case CompareYear:
		return DateOf(f.AddDate(-1, 0, 0)), DateOf(t.AddDate(-1, 0, 0)), true
	}
	return Date{}, Date{}, false
}

// wholeMonths is the number of months q covers when it runs from the first
// of a month to the last of one (March is compared with February, not
// with the 31 days before it); 0 otherwise.
func (q *ReportQuery) wholeMonths() int {
	if q.From.Day != 1 || DateOf(q.To.Time().AddDate(0, 0, 1)).Day != 1 {
		return 0
	}
	return (q.To.Year-q.From.Year)*12 + q.To.Month - q.From.Month + 1
}

// Bucket is the key of the grain's bucket holding day d: "2026-03-02"
// (day, and the Monday of a week), "2026-03", "2026-Q1", "2026".
func Bucket(grain string, d Date) string {
	t := d.Time()
	switch grain {
	case GrainDay:
		return d.String()
	case GrainWeek:
		wd := (int(t.Weekday()) + 6) % 7
		return DateOf(t.AddDate(0, 0, -wd)).String()
	case GrainQuarter:
		return itoa(d.Year) + "-Q" + itoa((d.Month-1)/3+1)
	case GrainYear:
		return itoa(d.Year)
	}
	return t.Format("2006-01")
}

// BucketRange is the first and last day of the bucket holding d.
func BucketRange(grain string, d Date) (Date, Date) {
	t := d.Time()
	var first time.Time
	var last time.Time
	switch grain {
	case GrainDay:
		return d, d
	case GrainWeek:
		first = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
		last = first.AddDate(0, 0, 6)
	case GrainQuarter:
		first = time.Date(d.Year, time.Month((d.Month-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
		last = first.AddDate(0, 3, -1)
	case GrainYear:
		first = time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		last = first.AddDate(1, 0, -1)
	default:
		first = time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
		last = first.AddDate(0, 1, -1)
	}
	return DateOf(first), DateOf(last)
}
