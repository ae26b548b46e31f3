package email

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sync"

	"github.com/rapport-crm/rapport/crm"
)

// memBlobs is a crm.BlobStore in memory, for parser tests.
type memBlobs struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newMemBlobs() *memBlobs { return &memBlobs{m: map[string][]byte{}} }

func (s *memBlobs) Put(ctx context.Context, r io.Reader) (crm.Blob, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return crm.Blob{}, err
	}
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])
	s.mu.Lock()
	s.m[h] = b
	s.mu.Unlock()
	return crm.Blob{SHA256: h, Size: int64(len(b))}, nil
}

func (s *memBlobs) Open(ctx context.Context, h string) (io.ReadCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[h]
	if !ok {
		return nil, &crm.Error{Code: crm.ENOTFOUND, Message: "no blob"}
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}
