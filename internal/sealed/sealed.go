// Package sealed encrypts secrets kept in the database (mailbox passwords
// and tokens, WeChat AppSecrets, webhook secrets) with AES-256-GCM under
// the operator's key, so that a copy of the database without the key
// reveals none of them. A sealed value is text: "sealed:v1:" and the
// base64 of a random nonce and the ciphertext with its tag.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

const prefix = "sealed:v1:"

// ErrWrongKey is what Open says of a value sealed under another key (or
// altered): GCM's tag does not match.
var ErrWrongKey = errors.New("sealed: the key does not open this value (wrong key, or the value was altered)")

// Box seals and opens values under one key.
type Box struct{ aead cipher.AEAD }

// ParseKey reads a 32-byte key written as base64 (standard or URL, with
// or without padding) or as 64 hex digits, as `openssl rand -base64 32`
// or `openssl rand -hex 32` print it.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 64 {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == 32 {
			return b, nil
		}
	}
	return nil, fmt.Errorf("the key must be 32 random bytes in base64 (openssl rand -base64 32) or hex (openssl rand -hex 32)")
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("sealed: the key has %d bytes, want 32", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// IsSealed reports whether s is a sealed value (else it is clear text).
func IsSealed(s string) bool { return strings.HasPrefix(s, prefix) }

// Seal encrypts s under a fresh random nonce; "" stays "".
func (b *Box) Seal(s string) string {
	if s == "" {
		return ""
	}
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails on supported platforms
	return prefix + base64.RawStdEncoding.EncodeToString(b.aead.Seal(nonce, nonce, []byte(s), nil))
}

// Open decrypts a sealed value; ErrWrongKey when this key did not seal it.
func (b *Box) Open(s string) (string, error) {
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(s, prefix))
	if !IsSealed(s) || err != nil || len(raw) < b.aead.NonceSize() {
		return "", errors.New("sealed: not a sealed value")
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", ErrWrongKey
	}
	return string(plain), nil
}
