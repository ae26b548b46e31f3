package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func newStore(t *testing.T, max int64) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "files")
	s, err := New(dir, max)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

// entries lists every file under dir, relative to it, so tests can see
// exactly what a Put left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPut(t *testing.T) {
	tests := []struct {
		name    string
		content string
		max     int64
		code    string
	}{
		{"empty", "", 10, ""},
		{"small", "你好, Rapport", 100, ""},
		{"exactly the limit", "0123456789", 10, ""},
		{"one byte over", "0123456789x", 10, crm.ETOOLARGE},
		{"far over", strings.Repeat("x", 5000), 10, crm.ETOOLARGE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, dir := newStore(t, tt.max)
			b, err := s.Put(context.Background(), strings.NewReader(tt.content))
			if got := crm.ErrorCode(err); got != tt.code {
				t.Fatalf("Put: code %q (%v), want %q", got, err, tt.code)
			}
			if tt.code != "" {
				if e := entries(t, dir); len(e) != 0 {
					t.Fatalf("a refused Put left files behind: %v", e)
				}
				return
			}
			want := sum([]byte(tt.content))
			if b.SHA256 != want || b.Size != int64(len(tt.content)) {
				t.Fatalf("Put = %+v, want %s size %d", b, want, len(tt.content))
			}
			if e := entries(t, dir); len(e) != 1 || e[0] != filepath.Join(want[:2], want) {
				t.Fatalf("files on disk = %v, want only %s/%s", e, want[:2], want)
			}
			assertContent(t, s, want, []byte(tt.content))
		})
	}
}

func assertContent(t *testing.T, s *Store, hash string, want []byte) {
	t.Helper()
	rc, err := s.Open(context.Background(), hash)
	if err != nil {
		t.Fatalf("Open(%s): %v", hash, err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Open(%s) returned %d bytes, want %d", hash, len(got), len(want))
	}
}

func TestPutTwiceStoresOnce(t *testing.T) {
	s, dir := newStore(t, 1<<20)
	for i := 0; i < 3; i++ {
		if _, err := s.Put(context.Background(), strings.NewReader("same bytes")); err != nil {
			t.Fatal(err)
		}
	}
	if e := entries(t, dir); len(e) != 1 {
		t.Fatalf("three Puts of one content left %v, want one file", e)
	}
}

func TestConcurrentPutsOfSameContent(t *testing.T) {
	s, dir := newStore(t, 1<<20)
	content := bytes.Repeat([]byte("共享内容 shared content "), 4096)
	want := sum(content)
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := s.Put(context.Background(), bytes.NewReader(content))
			if err == nil && b.SHA256 != want {
				err = crm.Errorf(crm.EINTERNAL, "hash %s, want %s", b.SHA256, want)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if e := entries(t, dir); len(e) != 1 {
		t.Fatalf("%d concurrent Puts left %v, want one file", n, e)
	}
	assertContent(t, s, want, content)
}
