package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestOpenRefusesWhatIsNotABlob(t *testing.T) {
	s, dir := newStore(t, 1<<20)
	b, err := s.Put(context.Background(), strings.NewReader("stored"))
	if err != nil {
		t.Fatal(err)
	}
	// A secret next to the store, which no hash may reach.
	secret := filepath.Join(filepath.Dir(dir), "secret")
	if err := os.WriteFile(secret, []byte("no"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, hash string }{
		{"missing blob", sum([]byte("never stored"))},
		{"empty", ""},
		{"short", b.SHA256[:63]},
		{"long", b.SHA256 + "0"},
		{"not hex", strings.Repeat("g", 64)},
		{"traversal", "../secret"},
		{"traversal padded", "../" + strings.Repeat("a", 61)},
		{"absolute", "/etc/passwd"},
		{"slash inside", b.SHA256[:2] + "/" + b.SHA256[3:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := s.Open(context.Background(), tt.hash)
			if err == nil {
				rc.Close()
			}
			if crm.ErrorCode(err) != crm.ENOTFOUND {
				t.Fatalf("Open(%q) = %v, want ENOTFOUND", tt.hash, err)
			}
		})
	}
	// Upper-case hex names the same blob.
	assertContent(t, s, strings.ToUpper(b.SHA256), []byte("stored"))
}

// pattern yields n bytes of a repeating pattern without holding them.
type pattern struct{ left int64 }

func (p *pattern) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	for i := range b {
		b[i] = byte(i * 7)
	}
	p.left -= int64(len(b))
	return len(b), nil
}

func TestPutStreamsLargeContent(t *testing.T) {
	const size = 25 << 20
	s, _ := newStore(t, 32<<20)
	h := sha256.New()
	io.Copy(h, &pattern{left: size})
	want := hex.EncodeToString(h.Sum(nil))

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, err := s.Put(context.Background(), &pattern{left: size})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	// Streaming allocates a copy buffer, not the content.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("Put of %d bytes allocated %d bytes; it should stream", size, alloc)
	}
	if b.SHA256 != want || b.Size != size {
		t.Fatalf("Put = %+v, want %s size %d", b, want, size)
	}
	rc, err := s.Open(context.Background(), want)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	h.Reset()
	if n, err := io.Copy(h, rc); err != nil || n != size {
		t.Fatalf("read back %d bytes, %v", n, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("read back hash %s, want %s", got, want)
	}
}

func TestPutStopsWhenContextEnds(t *testing.T) {
	s, dir := newStore(t, 32<<20)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Put(ctx, &pattern{left: 1 << 20}); err != context.Canceled {
		t.Fatalf("Put with a cancelled context = %v, want context.Canceled", err)
	}
	if e := entries(t, dir); len(e) != 0 {
		t.Fatalf("a cancelled Put left %v", e)
	}
}

func TestNewRefusesBadLimit(t *testing.T) {
	for _, max := range []int64{0, -1} {
		if _, err := New(t.TempDir(), max); err == nil {
			t.Errorf("New(max %d) succeeded", max)
		}
	}
}
