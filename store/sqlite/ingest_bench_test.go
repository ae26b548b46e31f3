package sqlite_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/storetest"
)

// go test ./store/sqlite -run '^$' -bench Ingest -benchtime 20000x
//
// Each size runs on a copy of the cached seeded database, so that the
// messages and leads it writes do not change the data set of later runs.
func BenchmarkIngest(b *testing.B) {
	for _, n := range storetest.BenchSizes() {
		b.Run("contacts="+strconv.Itoa(n), func(b *testing.B) {
			seeded := openBench(b, n).(interface{ Close() error })
			seeded.Close()
			path := copySeeded(b, n)
			db, err := sqlite.Open(context.Background(), sqlite.Config{Path: path})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			storetest.BenchIngest(b, db, matcher.New(matcher.Config{}), n)
		})
	}
}

func copySeeded(b *testing.B, n int) string {
	src := filepath.Join(benchCache(b), benchFile(n))
	dst := filepath.Join(b.TempDir(), "rapport.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}
