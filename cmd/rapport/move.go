package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/dump"
	"github.com/rapport-crm/rapport/store/files"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// export is `rapport export --out FILE`: the whole installation (every
// table, from one snapshot, and every stored file) in the format of
// store/dump. It writes beside FILE and renames at the end, so that a
// failed export leaves no file that looks complete.
func (c *cli) export(ctx context.Context, args []string) error {
	var out string
	cfg, log, err := c.storageCommand("export", args, func(fs *flag.FlagSet, _ *Config) {
		fs.StringVar(&out, "out", "", "the file to write (a zip archive)")
	})
	if err != nil {
		return err
	}
	if out == "" {
		return usagef("export: --out FILE is required")
	}
	db, err := openExisting(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	blobs, err := openFiles(ctx, cfg, cfg.FilesURL)
	if err != nil {
		return err
	}
	start := time.Now()
	m, err := writeExportFile(ctx, out, db, blobs)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(c.stdout, "Exported %d rows of %d tables and %d files (%d bytes) to %s in %s.\n",
		manifestRows(m), len(m.Tables), m.Files, m.FileBytes, out, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(c.stdout, "Import it with the same RAPPORT_SECRET_KEY: the stored secrets stay sealed under it.\n")
	return nil
}

// writeExportFile writes the export to a temporary file beside out and
// renames it to out once complete.
func writeExportFile(ctx context.Context, out string, db *sqlstore.DB, blobs files.Listed) (dump.Manifest, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return dump.Manifest{}, err
	}
	defer os.Remove(tmp.Name()) // after the rename: nothing to remove
	m, err := writeExport(ctx, tmp, db, blobs)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	return m, err
}

func writeExport(ctx context.Context, w io.Writer, db *sqlstore.DB, blobs files.Listed) (dump.Manifest, error) {
	buf := bufio.NewWriterSize(w, 1<<20)
	zw := dump.NewWriter(buf, time.Now(), versionString())
	if err := db.ExportInstallation(ctx, zw); err != nil {
		return dump.Manifest{}, err
	}
	err := blobs.Each(ctx, func(sum string) error {
		r, err := blobs.Open(ctx, sum)
		if err != nil {
			return err
		}
		defer r.Close()
		return zw.AddFile(ctx, sum, r)
	})
	if err != nil {
		return dump.Manifest{}, fmt.Errorf("the stored files: %w", err)
	}
	m, err := zw.Close()
	if err == nil {
		err = buf.Flush()
	}
	return m, err
}

func manifestRows(m dump.Manifest) int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Rows
	}
	return n
}

// importInstallation is `rapport import FILE`: it checks the whole file
// (format version, source schema, every checksum) before touching the
// target, then loads it into the configured database, which must be
// empty, and copies its files into the configured file store, all or
// nothing (see sqlstore.DB.ImportInstallation).
func (c *cli) importInstallation(ctx context.Context, args []string) error {
	cfg, log, rest, err := c.storageCommandArgs("import", args, nil, 1)
	if err != nil {
		return err
	}
	start := time.Now()
	r, err := dump.Open(rest[0])
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer r.Close()
	known := map[string]fs.FS{"sqlite": migrations.SQLite(), "postgres": migrations.Postgres()}
	if err := dump.CheckSchema(r.Header, known); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := r.Verify(ctx); err != nil {
		return fmt.Errorf("import: %s: %w", rest[0], err)
	}
	db, err := openNew(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	blobs, err := openFiles(ctx, cfg, cfg.FilesURL)
	if err != nil {
		return err
	}
	n, err := db.ImportInstallation(ctx, r, func(ctx context.Context) error { return putFiles(ctx, r, blobs) })
	if err != nil {
		return fmt.Errorf("import: nothing was imported: %w", err)
	}
	fmt.Fprintf(c.stdout, "Imported %d rows of %d tables and %d files from a %s installation into the %s database in %s.\n",
		n, len(r.Manifest.Tables), r.Manifest.Files, r.Header.Engine, engineName(cfg), time.Since(start).Round(time.Millisecond))
	return nil
}

// putFiles copies the archive's files into the target file store, each
// checked against its name.
func putFiles(ctx context.Context, r *dump.Reader, blobs files.Listed) error {
	return r.Files(func(sum string, content io.Reader) error {
		if ok, err := blobs.Has(ctx, sum); err != nil || ok {
			return err
		}
		b, err := blobs.Put(ctx, content)
		if err != nil {
			return fmt.Errorf("store the file %s: %w", sum, err)
		}
		if b.SHA256 != sum {
			return fmt.Errorf("the file %s arrived as %s", sum, b.SHA256)
		}
		return nil
	})
}
