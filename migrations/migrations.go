// Package migrations holds Rapport's numbered SQL migrations, one folder per
// database engine, embedded in the binary. File names start with a number
// ("0001_foundation.sql"); they are applied in name order, each once.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql
var sqliteFiles embed.FS

//go:embed postgres/*.sql
var postgresFiles embed.FS

// SQLite returns the SQLite migrations, the .sql files at its root.
func SQLite() fs.FS { return sub(sqliteFiles, "sqlite") }

// Postgres returns the PostgreSQL migrations, the .sql files at its root.
func Postgres() fs.FS { return sub(postgresFiles, "postgres") }

func sub(f embed.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // only on a bad constant dir name: a build-time bug
	}
	return s
}
