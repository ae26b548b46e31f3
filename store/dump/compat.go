package dump

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// CheckSchema refuses an export whose source schema is not the one this
// Rapport release builds for that engine: the tables would not match.
// byEngine holds each engine's migrations (the binary embeds both), so an
// export from either engine is checked before the target is touched.
func CheckSchema(h Header, byEngine map[string]fs.FS) error {
	m, ok := byEngine[h.Engine]
	if !ok {
		return fmt.Errorf("%w: unknown source engine %q", ErrBadArchive, h.Engine)
	}
	names, err := fs.Glob(m, "*.sql")
	if err != nil {
		return err
	}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = strings.TrimSuffix(n, ".sql")
	}
	slices.Sort(want)
	if slices.Equal(want, h.Migrations) {
		return nil
	}
	for _, v := range h.Migrations {
		if !slices.Contains(want, v) {
			return fmt.Errorf("the export was made by a newer Rapport (its database has migration %s, which this one "+
				"does not know): import it with the release that made it (%s) or a later one", v, h.Rapport)
		}
	}
	return fmt.Errorf("the export was made by an older Rapport (%s), whose database lacks some of this release's "+
		"migrations: upgrade the source first (run 'rapport migrate' there), then export again", h.Rapport)
}
