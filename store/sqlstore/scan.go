package sqlstore

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// The scanners below read a column into a field whatever form the engine
// gives it (SQLite: time.Time or text; PostgreSQL: time.Time), so that the
// query code stays the same for both.

// tm scans a NOT NULL time, as UTC.
type tm struct{ p *time.Time }

func (s tm) Scan(v any) error {
	t, err := toTime(v)
	if err == nil && t == nil {
		err = fmt.Errorf("sqlstore: NULL in a NOT NULL time")
	}
	if err == nil {
		*s.p = *t
	}
	return err
}

// ntm scans a nullable time.
type ntm struct{ p **time.Time }

func (s ntm) Scan(v any) error {
	t, err := toTime(v)
	*s.p = t
	return err
}

func toTime(v any) (*time.Time, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time:
		t := x.UTC()
		return &t, nil
	case string:
		return parseTime(x)
	case []byte:
		return parseTime(string(x))
	}
	return nil, fmt.Errorf("sqlstore: cannot read %T as a time", v)
}

var timeLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"}

func parseTime(s string) (*time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	return nil, fmt.Errorf("sqlstore: %q is not a time", s)
}

// nullTime binds an optional time, normalised as stored.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return utc(*t)
}

// dt scans a nullable date; dtv a NOT NULL one.
type dt struct{ p **crm.Date }

func (s dt) Scan(v any) error {
	if v == nil {
		*s.p = nil
		return nil
	}
	d := new(crm.Date)
	*s.p = d
	return dtv{d}.Scan(v)
}

type dtv struct{ p *crm.Date }

func (s dtv) Scan(v any) error {
	var str string
	switch x := v.(type) {
	case time.Time:
		str = x.Format(time.DateOnly)
	case string:
		str = x
	case []byte:
		str = string(x)
	default:
		return fmt.Errorf("sqlstore: cannot read %T as a date", v)
	}
	d, err := crm.ParseDate(str)
	*s.p = d
	return err
}

// dateArg binds an optional date as 'YYYY-MM-DD'.
func dateArg(d *crm.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

// nid scans a nullable id into an *int64 field.
type nid struct{ p **int64 }

func (s nid) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*s.p = nil
	case int64:
		*s.p = &x
	case int32:
		n := int64(x)
		*s.p = &n
	default:
		return fmt.Errorf("sqlstore: cannot read %T as an id", v)
	}
	return nil
}

// idArg binds an optional id.
func idArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// jsonCol scans JSON text into the value p points at.
type jsonCol struct{ p any }

func (s jsonCol) Scan(v any) error {
	switch x := v.(type) {
	case string:
		return json.Unmarshal([]byte(x), s.p)
	case []byte:
		return json.Unmarshal(x, s.p)
	}
	return fmt.Errorf("sqlstore: cannot read %T as JSON", v)
}

// jsonArg encodes v as JSON text, leaving non-ASCII and <>& as they are so
// that a LIKE on the column finds them.
func jsonArg(v any) driver.Value {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only plain strings, numbers and maps go in: a bug
	}
	return string(bytes.TrimRight(b.Bytes(), "\n"))
}
