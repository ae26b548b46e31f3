// Package dump is the file `rapport export` writes and `rapport import`
// reads: a whole installation, moved between engines (SQLite and
// PostgreSQL) or machines. It is a zip archive:
//
//	rapport-export.json    Header: format name and version, source engine, its migrations
//	tables/NAME.ndjson     one JSON array per row, in the manifest's column order
//	files/SHA256           each stored file (attachments, media), named by its hash
//	manifest.json          Manifest, written last: columns, row counts and SHA-256 of every table
//
// Values follow their column's kind (crm.MoveColumn): int and float
// are JSON numbers, bool true/false, text and date strings, time an
// RFC 3339 string in UTC with microseconds, bytes base64. docs/move.md
// describes the format for people; Version changes when it changes.
package dump

import (
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Format names the archive; Version is the one this code writes and reads.
const (
	Format  = "rapport-export"
	Version = 1
)

const (
	headerName   = "rapport-export.json"
	manifestName = "manifest.json"
	tablesDir    = "tables/"
	filesDir     = "files/"
)

// Header is the archive's first entry: enough to refuse it before reading on.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Engine     string    `json:"engine"`     // the source: sqlite or postgres
	Migrations []string  `json:"migrations"` // applied to the source, in order
	CreatedAt  time.Time `json:"created_at"`
	Rapport    string    `json:"rapport"` // the version that wrote it
}

// Manifest is the archive's last entry: what a complete archive holds.
type Manifest struct {
	Version      int              `json:"version"`
	HeaderSHA256 string           `json:"header_sha256"`
	Tables       []TableEntry     `json:"tables"`
	Sequences    map[string]int64 `json:"sequences"` // last id handed out, per table
	Files        int              `json:"files"`
	FileBytes    int64            `json:"file_bytes"`
}

// TableEntry is one table in the manifest.
type TableEntry struct {
	crm.MoveTable
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"` // of the uncompressed NDJSON
}
