package main

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/rapport-crm/rapport/store/files"
)

// rapport files migrate copies the data directory's files to a bucket (an
// S3 server on 127.0.0.1, over HTTP), and from the bucket into another
// data directory, where they read back the same.
func TestFilesMigrateToS3AndBack(t *testing.T) {
	s3 := fakeS3(t)
	ctx := context.Background()
	first := t.TempDir()
	disk, err := files.New(filepath.Join(first, "files"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b, err := disk.Put(ctx, strings.NewReader("合同扫描件"))
	if err != nil {
		t.Fatal(err)
	}
	res := mustRun(t, append(s3, "RAPPORT_DATA="+first), "", "files", "migrate", "--to", "s3://rapport/attachments")
	if !strings.Contains(res.stdout, "Copied 1 file(s); 0 were there already") {
		t.Errorf("to S3: %q", res.stdout)
	}
	second := t.TempDir()
	res = mustRun(t, append(s3, "RAPPORT_DATA="+second, "RAPPORT_FILES_URL=s3://rapport/attachments"), "",
		"files", "migrate", "--to", "local")
	if !strings.Contains(res.stdout, "Copied 1 file(s)") {
		t.Errorf("back: %q", res.stdout)
	}
	back, _ := files.New(filepath.Join(second, "files"), 1<<20)
	r, err := back.Open(ctx, b.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, _ := io.ReadAll(r); string(got) != "合同扫描件" {
		t.Errorf("read back %q", got)
	}
	if res := runRapport(t, append(s3, "RAPPORT_DATA="+second), "", "files", "migrate", "--to", "ftp://x"); res.code != 2 {
		t.Errorf("a bad URL exits %d, want 2", res.code)
	}
}

// fakeS3 starts an S3 server on 127.0.0.1 (buckets made on first use) and
// returns the RAPPORT_S3_* settings that reach it.
func fakeS3(t *testing.T) []string {
	t.Helper()
	srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithAutoBucket(true)).Server())
	t.Cleanup(srv.Close)
	return []string{"RAPPORT_S3_ENDPOINT=" + srv.URL, "RAPPORT_S3_REGION=us-east-1",
		"RAPPORT_S3_ACCESS_KEY=key", "RAPPORT_S3_SECRET_KEY=secret"}
}
