package sqlstore

import (
	"strconv"
	"strings"
)

// where builds a WHERE clause and its numbered arguments together, so that
// optional filters never get their placeholders out of step.
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// and adds a condition.
func (w *where) and(cond string) { w.conds = append(w.conds, cond) }

// String returns " WHERE a AND b", or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page adds the keyset condition and returns the ORDER/LIMIT tail: newest
// first, one row more than asked so that crm.NewList can tell if a next
// page exists.
func (w *where) page(idCol string, after int64, limit int) string {
	if after > 0 {
		w.and(idCol + " < " + w.arg(after))
	}
	return " ORDER BY " + idCol + " DESC LIMIT " + strconv.Itoa(limit+1)
}

// search adds "any of cols contains q", case-insensitively for Latin
// letters, with % and _ in q taken literally. It does nothing for an empty q.
func (w *where) search(ilike, q string, cols ...string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	p := w.arg("%" + EscapeLike(q) + "%")
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " " + ilike + " " + p + ` ESCAPE '\'`
	}
	w.and("(" + strings.Join(parts, " OR ") + ")")
}

// EscapeLike escapes s for a LIKE pattern written with ESCAPE '\'.
func EscapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// equal adds "col = val" unless val is empty (an unset filter).
func (w *where) equal(col, val string) {
	if val != "" {
		w.and(col + " = " + w.arg(val))
	}
}

// equalID adds "col = *id" unless id is nil.
func (w *where) equalID(col string, id *int64) {
	if id != nil {
		w.and(col + " = " + w.arg(*id))
	}
}
