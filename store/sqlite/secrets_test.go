package sqlite_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/store/storetest"
)

// TestSecrets: a copy of the database files (main file and WAL) holds no
// secret once a key is set.
func TestSecrets(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rapport.db")
	db := openAt(t, path)
	storetest.RunSecrets(t, db, func(t *testing.T) []byte {
		var all []byte
		for _, p := range []string{path, path + "-wal"} {
			b, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	})
}
