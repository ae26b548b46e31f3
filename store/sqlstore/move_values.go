package sqlstore

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// sqliteTimeLayouts are the forms SQLite may hold a time in: modernc's
// own (what the store writes) and SQLite's datetime().
var sqliteTimeLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05"}

// exportValue turns what the driver scanned into the value of the
// column's kind (see MoveSink). Anything it cannot carry exactly is an
// error, never a silent change.
func exportValue(kind string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case "int":
		return moveInt(v)
	case "bool":
		return moveBool(v)
	case "float":
		return moveFloat(v)
	case "text":
		s, err := moveText(v)
		if err != nil {
			return nil, err
		}
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("text that is not UTF-8")
		}
		return s, nil
	case "date":
		if t, ok := v.(time.Time); ok {
			return t.Format(time.DateOnly), nil
		}
		return moveAny(moveText(v))
	case "time":
		return moveTime(v)
	case "bytes":
		return moveBytes(v)
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

// importValue turns an exported value into what the target column of
// kind takes; postgres says whether the target is PostgreSQL, whose text
// cannot hold a NUL character.
func importValue(kind string, v any, postgres bool) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case "int":
		if b, ok := v.(bool); ok { // a PostgreSQL boolean into SQLite's INTEGER
			return moveBoolInt(b), nil
		}
		return moveInt(v)
	case "bool":
		return moveBool(v)
	case "float":
		return moveFloat(v)
	case "text", "date":
		s, err := moveText(v)
		if err != nil {
			return nil, err
		}
		if postgres && strings.IndexByte(s, 0) >= 0 {
			return nil, fmt.Errorf("text holding a NUL character, which PostgreSQL cannot store")
		}
		return s, nil
	case "time":
		return moveTime(v)
	case "bytes":
		return moveBytes(v)
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

func moveBoolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func moveInt(v any) (any, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	}
	return nil, fmt.Errorf("%T %v is not an integer", v, v)
}

func moveBool(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	}
	return nil, fmt.Errorf("%T %v is not a boolean", v, v)
}

func moveFloat(v any) (any, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	}
	return nil, fmt.Errorf("%T %v is not a number", v, v)
}

func moveAny(s string, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}

func moveText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	}
	return "", fmt.Errorf("%T %v is not text", v, v)
}

func moveTime(v any) (any, error) {
	switch x := v.(type) {
	case time.Time:
		return x.UTC(), nil
	case string:
		for _, l := range sqliteTimeLayouts {
			if t, err := time.Parse(l, x); err == nil {
				return t.UTC(), nil
			}
		}
	}
	return nil, fmt.Errorf("%T %v is not a time", v, v)
}

func moveBytes(v any) (any, error) {
	switch x := v.(type) {
	case []byte:
		return x, nil
	case string:
		return []byte(x), nil
	}
	return nil, fmt.Errorf("%T is not bytes", v)
}
