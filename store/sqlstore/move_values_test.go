package sqlstore

import (
	"bytes"
	"testing"
	"time"
)

// The values an export carries convert between the engines' column kinds
// exactly, and what cannot be carried exactly is refused.
func TestMoveValues(t *testing.T) {
	at := time.Date(2026, 3, 5, 9, 0, 0, 123456000, time.UTC)
	for _, tt := range []struct {
		name     string
		kind     string
		in, want any
		postgres bool
		fails    bool
	}{
		{name: "SQLite 1 into BOOLEAN", kind: "bool", in: int64(1), want: true, postgres: true},
		{name: "SQLite 0 into BOOLEAN", kind: "bool", in: int64(0), want: false, postgres: true},
		{name: "SQLite 2 is no boolean", kind: "bool", in: int64(2), fails: true, postgres: true},
		{name: "PostgreSQL true into INTEGER", kind: "int", in: true, want: int64(1)},
		{name: "PostgreSQL false into INTEGER", kind: "int", in: false, want: int64(0)},
		{name: "date text", kind: "date", in: "2026-03-05", want: "2026-03-05", postgres: true},
		{name: "time", kind: "time", in: at, want: at},
		{name: "SQLite time text", kind: "time", in: "2026-03-05 09:00:00.123456+00:00", want: at},
		{name: "float from an integer", kind: "float", in: int64(3), want: float64(3)},
		{name: "NUL into PostgreSQL text", kind: "text", in: "a\x00b", fails: true, postgres: true},
		{name: "NUL into SQLite text", kind: "text", in: "a\x00b", want: "a\x00b"},
		{name: "GBK bytes", kind: "bytes", in: []byte{0xc4, 0xe3, 0x00}, want: []byte{0xc4, 0xe3, 0x00}, postgres: true},
		{name: "null", kind: "int", in: nil, want: nil},
		{name: "text is no integer", kind: "int", in: "7", fails: true},
	} {
		got, err := importValue(tt.kind, tt.in, tt.postgres)
		if (err != nil) != tt.fails {
			t.Errorf("%s: error %v, want failure %v", tt.name, err, tt.fails)
			continue
		}
		if b, ok := tt.want.([]byte); ok {
			if !bytes.Equal(got.([]byte), b) {
				t.Errorf("%s: %v, want %v", tt.name, got, b)
			}
		} else if !tt.fails && got != tt.want {
			t.Errorf("%s: %#v, want %#v", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		kind string
		in   any
		want any
	}{
		{"date", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), "2026-03-05"},
		{"text", []byte("报价"), "报价"},
		{"time", at.In(time.FixedZone("CST", 8*3600)), at},
		{"bool", int64(1), true},
	} {
		if got, err := exportValue(tt.kind, tt.in); err != nil || got != tt.want {
			t.Errorf("export %s %v = %#v, %v; want %#v", tt.kind, tt.in, got, err, tt.want)
		}
	}
	if _, err := exportValue("text", []byte{0xff, 0xfe}); err == nil {
		t.Error("text that is not UTF-8 was exported; it must be refused, not altered")
	}
}
