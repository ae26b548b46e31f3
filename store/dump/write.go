package dump

import (
	"archive/zip"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Writer writes an archive to w as the store streams it (a
// crm.MoveSink), then the files (AddFile); Close writes the manifest.
// Nothing is held in memory but the row being written.
type Writer struct {
	zw       *zip.Writer
	now      time.Time
	rapport  string
	manifest Manifest
	cur      *TableEntry
	sum      hash.Hash
	enc      *json.Encoder
}

// NewWriter starts an archive on w; now and rapport go in the header.
func NewWriter(w io.Writer, now time.Time, rapport string) *Writer {
	zw := zip.NewWriter(w)
	// Raw mail and JSON compress well at the fastest level; more costs
	// CPU for a few percent.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	return &Writer{zw: zw, now: now.UTC(), rapport: rapport, manifest: Manifest{Version: Version}}
}

var _ crm.MoveSink = (*Writer)(nil)

// Begin writes the header.
func (w *Writer) Begin(s crm.MoveSource) error {
	b, err := json.MarshalIndent(Header{Format: Format, Version: Version, Engine: s.Engine,
		Migrations: s.Migrations, CreatedAt: w.now, Rapport: w.rapport}, "", "  ")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	w.manifest.HeaderSHA256 = hex.EncodeToString(sum[:])
	w.manifest.Sequences = s.Sequences
	return w.entry(headerName, zip.Deflate, b)
}

func (w *Writer) entry(name string, method uint16, b []byte) error {
	f, err := w.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: w.now})
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return err
}

// Table starts a table's entry.
func (w *Writer) Table(t crm.MoveTable) error {
	w.endTable()
	f, err := w.zw.CreateHeader(&zip.FileHeader{Name: tablesDir + t.Name + ".ndjson", Method: zip.Deflate, Modified: w.now})
	if err != nil {
		return err
	}
	w.manifest.Tables = append(w.manifest.Tables, TableEntry{MoveTable: t})
	w.cur = &w.manifest.Tables[len(w.manifest.Tables)-1]
	w.sum = sha256.New()
	w.enc = json.NewEncoder(io.MultiWriter(f, w.sum))
	w.enc.SetEscapeHTML(false)
	return nil
}

// Row writes one row of the current table.
func (w *Writer) Row(values []any) error {
	for i, v := range values {
		if t, ok := v.(time.Time); ok {
			values[i] = t.UTC()
		}
	}
	w.cur.Rows++
	return w.enc.Encode(values)
}

func (w *Writer) endTable() {
	if w.cur != nil {
		w.cur.SHA256 = hex.EncodeToString(w.sum.Sum(nil))
		w.cur = nil
	}
}

// AddFile stores one file under its SHA-256, checking it on the way.
func (w *Writer) AddFile(ctx context.Context, sum string, r io.Reader) error {
	w.endTable()
	// Stored, not compressed: attachments are mostly compressed already.
	f, err := w.zw.CreateHeader(&zip.FileHeader{Name: filesDir + sum, Method: zip.Store, Modified: w.now})
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err != nil {
		return fmt.Errorf("file %s: %w", sum, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("file %s: its content has the hash %s: the file store is damaged", sum, got)
	}
	w.manifest.Files++
	w.manifest.FileBytes += n
	return ctx.Err()
}

// Close writes the manifest and ends the archive; it does not close the
// underlying writer. It returns the manifest written.
func (w *Writer) Close() (Manifest, error) {
	w.endTable()
	b, err := json.MarshalIndent(w.manifest, "", "  ")
	if err == nil {
		err = w.entry(manifestName, zip.Deflate, append(b, '\n'))
	}
	if err == nil {
		err = w.zw.Close()
	}
	return w.manifest, err
}
