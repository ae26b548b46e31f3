package sqlstore

import (
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// scopeOwner narrows a report to q's team or user filter on the column
// that names the responsible user (visibility is added apart).
func scopeOwner(w *where, q crm.ReportQuery, col string) {
	if q.UserID != nil {
		w.and(col + " = " + w.arg(*q.UserID))
	}
	if q.TeamID != nil {
		w.and(col + " IN (SELECT id FROM users WHERE team_id = " + w.arg(*q.TeamID) + ")")
	}
}

// localDay is the SQL expression of the viewer's calendar day of a
// timestamp column: offset is minutes east of UTC, a number the server
// computes, never user text.
func (db *DB) localDay(col string, offset int) string {
	n := strconv.Itoa(offset)
	if db.dialect.Name() == "postgres" {
		return "((" + col + " AT TIME ZONE 'UTC') + interval '" + n + " minutes')::date"
	}
	if offset >= 0 {
		n = "+" + n
	}
	return "date(" + col + ", '" + n + " minutes')"
}

// dayRange adds "col falls on from…to, local days" for a timestamp column,
// as bounds on the column itself so that its index serves.
func dayRange(w *where, col string, q crm.ReportQuery, from, to crm.Date) {
	off := time.Duration(q.Offset) * time.Minute
	start := from.Time().Add(-off).UTC()
	end := to.Time().AddDate(0, 0, 1).Add(-off).UTC()
	w.and(col + " >= " + w.arg(start) + " AND " + col + " < " + w.arg(end))
}

// dateRange adds "col is between from and to" for a date column.
func dateRange(w *where, col string, from, to crm.Date) {
	w.and(col + " >= " + w.arg(from.String()) + " AND " + col + " <= " + w.arg(to.String()))
}

// fl is a nullable SQL number as a float (0 for NULL).
type fl struct{ p *float64 }

func (s fl) Scan(v any) error {
	var n sql.NullFloat64
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.p = n.Float64
	return nil
}

// strKey scans a nullable id or text into a row key ("" for NULL).
type strKey struct{ p *string }

func (s strKey) Scan(v any) error {
	var n sql.NullString
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.p = n.String
	return nil
}

// groupBy is the GROUP BY clause of a key and its label; a constant label
// (the period's) is left out: PostgreSQL refuses a constant there.
func groupBy(key, label string) string {
	if label == "''" {
		return " GROUP BY " + key
	}
	return " GROUP BY " + key + ", " + label
}
