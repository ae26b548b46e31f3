package dump

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// An export is taken only from a source whose migrations are exactly this
// release's for that engine; otherwise the message says which way to go.
func TestCheckSchema(t *testing.T) {
	known := map[string]fs.FS{"sqlite": fstest.MapFS{"0001_a.sql": {}, "0002_b.sql": {}}}
	for _, tt := range []struct {
		name       string
		engine     string
		migrations []string
		want       string // "" for none
	}{
		{"same", "sqlite", []string{"0001_a", "0002_b"}, ""},
		{"newer", "sqlite", []string{"0001_a", "0002_b", "0003_c"}, "made by a newer Rapport (its database has migration 0003_c"},
		{"older", "sqlite", []string{"0001_a"}, "made by an older Rapport"},
		{"unknown engine", "oracle", nil, "unknown source engine"},
	} {
		err := CheckSchema(Header{Engine: tt.engine, Migrations: tt.migrations, Rapport: "v9"}, known)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if err := CheckSchema(Header{Engine: "oracle"}, known); !errors.Is(err, ErrBadArchive) {
		t.Errorf("an unknown engine: %v, want ErrBadArchive", err)
	}
}
