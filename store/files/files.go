// Package files keeps blobs (attachments, raw messages) on disk, addressed by
// the SHA-256 of their content: a blob with hash abcdef… lives at ab/abcdef….
//
// Content addressing makes writes idempotent: the same content put twice, or
// by two processes at once, ends as one file, and a stored file never
// changes, so readers need no locks.
package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// tempPrefix names files being written; they sit in the store's root so that
// the final rename never crosses a file system.
const tempPrefix = ".put-"

// Store is a crm.BlobStore in a directory.
type Store struct {
	dir     string
	maxSize int64
}

var _ crm.BlobStore = (*Store)(nil)

// New opens (creating if needed) a blob store in dir that refuses blobs
// larger than maxSize bytes.
func New(dir string, maxSize int64) (*Store, error) {
	if maxSize <= 0 {
		return nil, fmt.Errorf("files: max size must be positive, got %d", maxSize)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return &Store{dir: dir, maxSize: maxSize}, nil
}

// Put streams r to a temporary file while hashing it, then renames the file
// to its hash. ETOOLARGE past the limit; the temporary file is always removed
// unless it became the blob.
func (s *Store) Put(ctx context.Context, r io.Reader) (crm.Blob, error) {
	tmp, err := os.CreateTemp(s.dir, tempPrefix+"*")
	if err != nil {
		return crm.Blob{}, fmt.Errorf("files: %w", err)
	}
	b, err := spool(ctx, tmp, r, s.maxSize)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("files: %w", cerr)
	}
	if err == nil {
		err = s.commit(tmp.Name(), b.SHA256)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return crm.Blob{}, err
	}
	return b, nil
}

// spool copies at most maxSize bytes of r to f, hashing them, and makes
// them durable.
func spool(ctx context.Context, f *os.File, r io.Reader, maxSize int64) (crm.Blob, error) {
	h := sha256.New()
	// One byte past the limit tells "too large" from "exactly the limit".
	limited := io.LimitReader(ctxReader{ctx, r}, maxSize+1)
	n, err := io.Copy(io.MultiWriter(f, h), limited)
	switch {
	case err != nil && ctx.Err() != nil:
		return crm.Blob{}, ctx.Err()
	case err != nil:
		return crm.Blob{}, fmt.Errorf("files: write: %w", err)
	case n > maxSize:
		return crm.Blob{}, crm.Errorf(crm.ETOOLARGE, "The file is larger than %s.", humanSize(maxSize))
	}
	if err := f.Sync(); err != nil {
		return crm.Blob{}, fmt.Errorf("files: sync: %w", err)
	}
	return crm.Blob{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// commit moves a written temporary file to its content address. If the blob
// exists already, the temporary file is removed. Two concurrent commits of the same content both rename identical bytes onto the
// same name, which POSIX rename makes atomic: readers see one or the other.
func (s *Store) commit(tmpName, sum string) error {
	final := s.path(sum)
	if _, err := os.Stat(final); err == nil {
		os.Remove(tmpName) // a leftover temp file wastes space, but the blob is safe
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	if err := os.Rename(tmpName, final); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return syncDir(filepath.Dir(final))
}

// Open returns the blob with this hash. ENOTFOUND for a missing blob and for
// anything that is not a SHA-256 in hex, so no name can reach outside dir.
func (s *Store) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	sum = strings.ToLower(sum)
	if !validSum(sum) {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such file.")
	}
	f, err := os.Open(s.path(sum))
	if errors.Is(err, os.ErrNotExist) {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such file.")
	}
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return f, nil
}

func (s *Store) path(sum string) string {
	return filepath.Join(s.dir, sum[:2], sum)
}

// Has reports whether the blob is stored.
func (s *Store) Has(_ context.Context, sum string) (bool, error) {
	_, err := os.Stat(s.path(strings.ToLower(sum)))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Each calls fn with the hash of every stored blob.
func (s *Store) Each(_ context.Context, fn func(sum string) error) error {
	return filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !validSum(d.Name()) {
			return err
		}
		return fn(d.Name())
	})
}
