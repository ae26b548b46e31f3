package dump

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ErrBadArchive is a file that is not a complete, intact export.
var ErrBadArchive = errors.New("not a complete Rapport export")

// Reader reads an archive back: a crm.MoveReader over its tables,
// and its files. Open checks the header and the manifest; Verify checks
// every byte before anything is imported.
type Reader struct {
	zr       *zip.ReadCloser
	entries  map[string]*zip.File
	Header   Header
	Manifest Manifest
}

var _ crm.MoveReader = (*Reader)(nil)

// Open opens the archive at path and reads its header and manifest.
func Open(path string) (*Reader, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (truncated, or not an export at all): %v", path, ErrBadArchive, err)
	}
	r := &Reader{zr: zr, entries: map[string]*zip.File{}}
	for _, f := range zr.File {
		r.entries[f.Name] = f
	}
	if err := r.open(); err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

func (r *Reader) open() error {
	raw, err := r.readAll(headerName)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &r.Header); err != nil || r.Header.Format != Format {
		return fmt.Errorf("%w: its %s does not name the format %s", ErrBadArchive, headerName, Format)
	}
	if r.Header.Version != Version {
		return fmt.Errorf("the export is format version %d; this Rapport reads version %d: "+
			"import it with a Rapport release that reads version %d", r.Header.Version, Version, r.Header.Version)
	}
	b, err := r.readAll(manifestName)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &r.Manifest); err != nil || r.Manifest.Version != Version {
		return fmt.Errorf("%w: its manifest cannot be read (%v)", ErrBadArchive, err)
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != r.Manifest.HeaderSHA256 {
		return fmt.Errorf("%w: the header's checksum does not match the manifest", ErrBadArchive)
	}
	return nil
}

func (r *Reader) readAll(name string) ([]byte, error) {
	f, ok := r.entries[name]
	if !ok {
		return nil, fmt.Errorf("%w: it has no %s", ErrBadArchive, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadArchive, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadArchive, name, err)
	}
	return b, nil
}

// Close closes the archive.
func (r *Reader) Close() error { return r.zr.Close() }

// Source is what the export says about the installation it came from.
func (r *Reader) Source() crm.MoveSource {
	return crm.MoveSource{Engine: r.Header.Engine, Migrations: r.Header.Migrations, Sequences: r.Manifest.Sequences}
}

// Tables lists the exported tables with their source columns.
func (r *Reader) Tables() []crm.MoveTable {
	out := make([]crm.MoveTable, len(r.Manifest.Tables))
	for i, t := range r.Manifest.Tables {
		out[i] = t.MoveTable
	}
	return out
}

// Verify reads the whole archive: every table's checksum and row count
// against the manifest, every file against its name, and nothing the
// manifest does not account for.
func (r *Reader) Verify(ctx context.Context) error {
	known := map[string]bool{headerName: true, manifestName: true}
	for _, t := range r.Manifest.Tables {
		name := tablesDir + t.Name + ".ndjson"
		known[name] = true
		sum, lines, err := r.digest(name)
		if err != nil {
			return err
		}
		if sum != t.SHA256 || lines != t.Rows {
			return fmt.Errorf("%w: %s has %d rows with checksum %s; the manifest says %d rows, %s",
				ErrBadArchive, name, lines, sum, t.Rows, t.SHA256)
		}
	}
	files := 0
	for name := range r.entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum, ok := strings.CutPrefix(name, filesDir)
		if !ok {
			if !known[name] {
				return fmt.Errorf("%w: it holds %s, which the manifest does not list", ErrBadArchive, name)
			}
			continue
		}
		got, _, err := r.digest(name)
		if err != nil {
			return err
		}
		if got != sum {
			return fmt.Errorf("%w: the file %s has the checksum %s", ErrBadArchive, name, got)
		}
		files++
	}
	if files != r.Manifest.Files {
		return fmt.Errorf("%w: it holds %d files; the manifest says %d", ErrBadArchive, files, r.Manifest.Files)
	}
	return nil
}

// digest returns an entry's SHA-256 and its number of lines.
func (r *Reader) digest(name string) (string, int64, error) {
	f, ok := r.entries[name]
	if !ok {
		return "", 0, fmt.Errorf("%w: it has no %s", ErrBadArchive, name)
	}
	rc, err := f.Open()
	if err != nil {
		return "", 0, fmt.Errorf("%w: %s: %v", ErrBadArchive, name, err)
	}
	defer rc.Close()
	h := sha256.New()
	lines := &lineCounter{}
	if _, err := io.Copy(io.MultiWriter(h, lines), rc); err != nil {
		return "", 0, fmt.Errorf("%w: %s: %v", ErrBadArchive, name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), lines.n, nil
}

type lineCounter struct{ n int64 }

func (c *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			c.n++
		}
	}
	return len(p), nil
}

// Rows calls fn with each row of table, its values typed by the source
// column's kind as crm.MoveSink describes.
func (r *Reader) Rows(ctx context.Context, table string, fn func(values []any) error) error {
	var t *TableEntry
	for i := range r.Manifest.Tables {
		if r.Manifest.Tables[i].Name == table {
			t = &r.Manifest.Tables[i]
		}
	}
	f, ok := r.entries[tablesDir+table+".ndjson"]
	if t == nil || !ok {
		return fmt.Errorf("%w: no table %s", ErrBadArchive, table)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(rc, 1<<16))
	dec.UseNumber()
	values := make([]any, len(t.Columns))
	for row := int64(1); ; row++ {
		var raw []any
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%w: %s row %d: %v", ErrBadArchive, table, row, err)
		}
		if len(raw) != len(t.Columns) {
			return fmt.Errorf("%w: %s row %d has %d values for %d columns", ErrBadArchive, table, row, len(raw), len(t.Columns))
		}
		for i, c := range t.Columns {
			if values[i], err = decodeValue(c.Kind, raw[i]); err != nil {
				return fmt.Errorf("%w: %s row %d, column %s: %v", ErrBadArchive, table, row, c.Name, err)
			}
		}
		if err := fn(values); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// decodeValue turns a JSON value back into the Go value of kind.
func decodeValue(kind string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case json.Number:
		if kind == "float" {
			return x.Float64()
		}
		return x.Int64()
	case bool:
		return x, nil
	case string:
		switch kind {
		case "time":
			return time.Parse(time.RFC3339Nano, x)
		case "bytes":
			return base64.StdEncoding.DecodeString(x)
		}
		return x, nil
	}
	return nil, fmt.Errorf("unexpected %T for a %s column", v, kind)
}

// Files calls fn with each stored file of the archive and its content.
func (r *Reader) Files(fn func(sum string, content io.Reader) error) error {
	for _, f := range r.zr.File {
		sum, ok := strings.CutPrefix(f.Name, filesDir)
		if !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		err = fn(sum, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
