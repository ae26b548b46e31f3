package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/rapport-crm/rapport/crm"
)

// fakeS3Env, set, makes TestFakeS3Server serve S3 on 127.0.0.1 and write
// its address to the file named: the server runs in a child process, so
// that the memory this test process measures is the client's alone.
const fakeS3Env = "RAPPORT_FAKE_S3_ADDR_FILE"

func TestFakeS3Server(t *testing.T) {
	file := os.Getenv(fakeS3Env)
	if file == "" {
		t.Skip("the child process of the S3 tests")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	faker := gofakes3.New(s3mem.New(), gofakes3.WithAutoBucket(true))
	go http.Serve(ln, faker.Server())
	if err := os.WriteFile(file, []byte(ln.Addr().String()), 0o600); err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, os.Stdin) // until the parent closes our stdin or ends
}

// startS3 runs a fake S3 server over real HTTP on 127.0.0.1, in a child
// process, and returns its endpoint.
func startS3(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "addr")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFakeS3Server$")
	cmd.Env = append(os.Environ(), fakeS3Env+"="+file)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(file); err == nil && len(b) > 0 {
			return "http://" + string(b)
		}
	}
	t.Fatal("the fake S3 server did not start")
	return ""
}

func newS3(t *testing.T, endpoint string, max int64) *S3 {
	t.Helper()
	s, err := NewS3(context.Background(), S3Config{URL: "s3://rapport/files/prod", Endpoint: endpoint,
		Region: "us-east-1", AccessKey: "key", SecretKey: "secret", MaxSize: max, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Blobs written through one client (one instance) are read through
// another; a missing or malformed hash is ENOTFOUND; the same content put
// twice is one blob; the size limit holds.
func TestS3SharedBetweenInstances(t *testing.T) {
	endpoint := startS3(t)
	ctx := context.Background()
	one, two := newS3(t, endpoint, 1<<20), newS3(t, endpoint, 1<<20)
	data := []byte("附件内容 attachment body")
	b, err := one.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b.SHA256 != sum(data) || b.Size != int64(len(data)) {
		t.Errorf("put = %+v", b)
	}
	if again, err := two.Put(ctx, bytes.NewReader(data)); err != nil || again != b {
		t.Errorf("the same content again: %+v, %v", again, err)
	}
	r, err := two.Open(ctx, strings.ToUpper(b.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	r.Close()
	if !bytes.Equal(got, data) {
		t.Errorf("read %q", got)
	}
	for _, bad := range []string{sum([]byte("never stored")), "../../etc/passwd", ""} {
		if _, err := two.Open(ctx, bad); crm.ErrorCode(err) != crm.ENOTFOUND {
			t.Errorf("open %q: %v, want ENOTFOUND", bad, err)
		}
	}
	if _, err := one.Put(ctx, bytes.NewReader(make([]byte, 1<<20+1))); crm.ErrorCode(err) != crm.ETOOLARGE {
		t.Errorf("past the limit: %v, want ETOOLARGE", err)
	}
	if _, err := NewS3(ctx, S3Config{URL: "s3:///nobucket", MaxSize: 1}); err == nil {
		t.Error("a URL without a bucket was taken")
	}
}

// sizeReader yields n pseudo-random bytes without holding them.
type sizeReader struct {
	n   int64
	rng *rand.ChaCha8
}

func (r *sizeReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n)]
	r.rng.Read(p)
	r.n -= int64(len(p))
	return len(p), nil
}

// peakHeap samples the heap in use until stop, and returns its peak.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return out
}

// A 25 MB file goes up and comes back down streamed: the heap grows by
// far less than the file.
func TestS3StreamsLargeFilesInFlatMemory(t *testing.T) {
	const size = 25 << 20
	endpoint := startS3(t)
	ctx := context.Background()
	s := newS3(t, endpoint, size)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := make(chan struct{})
	peak := peakHeap(stop)
	want := sha256.New()
	b, err := s.Put(ctx, io.TeeReader(&sizeReader{n: size, rng: rand.NewChaCha8([32]byte{7})}, want))
	if err != nil {
		t.Fatal(err)
	}
	r, err := newS3(t, endpoint, size).Open(ctx, b.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	got := sha256.New()
	var n atomic.Int64
	c, err := io.Copy(got, r)
	n.Store(c)
	r.Close()
	close(stop)
	grew := int64(<-peak) - int64(base.HeapInuse)
	if err != nil || n.Load() != size || hex.EncodeToString(got.Sum(nil)) != hex.EncodeToString(want.Sum(nil)) {
		t.Fatalf("read back %d bytes (%v), hash matches: %v", n.Load(), err, bytes.Equal(got.Sum(nil), want.Sum(nil)))
	}
	t.Logf("heap grew by %.1f MiB at most for a %d MiB file, up and down", float64(grew)/(1<<20), size>>20)
	if grew > 10<<20 {
		t.Errorf("the heap grew by %d MiB: the file was held in memory", grew>>20)
	}
}

// Copy moves every blob from disk to the bucket and back, once.
func TestCopyBetweenDiskAndS3(t *testing.T) {
	endpoint := startS3(t)
	ctx := context.Background()
	disk, _ := newStore(t, 1<<20)
	var sums []string
	for _, s := range []string{"one", "two", "three"} {
		b, err := disk.Put(ctx, strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, b.SHA256)
	}
	bucket := newS3(t, endpoint, 1<<20)
	if copied, present, err := Copy(ctx, disk, bucket); err != nil || copied != 3 || present != 0 {
		t.Fatalf("to S3: copied %d, present %d, %v", copied, present, err)
	}
	if copied, present, err := Copy(ctx, disk, bucket); err != nil || copied != 0 || present != 3 {
		t.Errorf("again: copied %d, present %d, %v", copied, present, err)
	}
	back, _ := newStore(t, 1<<20)
	if copied, _, err := Copy(ctx, bucket, back); err != nil || copied != 3 {
		t.Fatalf("back to disk: copied %d, %v", copied, err)
	}
	for _, s := range sums {
		if ok, err := back.Has(ctx, s); !ok || err != nil {
			t.Errorf("%s missing after the copy back (%v)", s, err)
		}
	}
}
