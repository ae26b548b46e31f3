package crm

import "context"

// Moving a whole installation between engines (rapport export and rapport
// import): the store streams its tables to a MoveSink and loads them back
// from a MoveReader; the file format between them is store/dump's.

// MoveColumn is one column of a moved table and the kind of value it
// holds, named the same for both engines: int, bool, float, text, date,
// time or bytes. Booleans are INTEGER on SQLite and dates TEXT, so an
// export from SQLite says int and text where PostgreSQL says bool and
// date; the import converts to the target's kind.
type MoveColumn struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// MoveTable is a table whose rows an export carries, its columns in the
// source's order.
type MoveTable struct {
	Name    string       `json:"name"`
	Columns []MoveColumn `json:"columns"`
}

// MoveSource is what an export says about the installation it came from.
type MoveSource struct {
	Engine     string   // "sqlite" or "postgres"
	Migrations []string // applied, in order ("0001_foundation", …)
	// Sequences holds, per table, the last id the engine handed out (it
	// may exceed the largest id still present): the import continues from
	// there, so that an id is never given twice.
	Sequences map[string]int64
}

// MoveSink receives an installation: Begin once, then each table and its
// rows in primary key order. A row's values follow the table's columns:
// nil, int64, float64, bool, string, []byte or time.Time (UTC), as each
// column's kind says (a date is a "2006-01-02" string). The slice is
// reused for the next row.
type MoveSink interface {
	Begin(s MoveSource) error
	Table(t MoveTable) error
	Row(values []any) error
}

// MoveReader is an export being read back: what it says about its
// source, its tables with the columns as the source had them, and each
// table's rows, typed as MoveSink describes.
type MoveReader interface {
	Source() MoveSource
	Tables() []MoveTable
	Rows(ctx context.Context, table string, fn func(values []any) error) error
}

// Mover is a store that can be moved whole.
type Mover interface {
	// ExportInstallation streams every table (but the derived and the
	// transient) to sink from one snapshot. A table the store does not
	// know how to move is an error.
	ExportInstallation(ctx context.Context, sink MoveSink) error
	// ImportInstallation loads an export into an empty store of the same
	// schema, all or nothing; beforeCommit runs last inside (the files).
	// ECONFLICT: the store is not empty. It returns the rows loaded.
	ImportInstallation(ctx context.Context, r MoveReader, beforeCommit func(ctx context.Context) error) (int64, error)
}
