package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// DefaultTolerance is the replay window receivers should apply: a
// signature whose timestamp is further than this from their clock is
// refused, so that a captured request cannot be replayed later.
const DefaultTolerance = 5 * time.Minute

// Sign returns the Rapport-Signature value for body sent at t: the HMAC-
// SHA256, keyed with the webhook's secret, of "<unix seconds>.<body>".
// The timestamp is signed with the body, so it cannot be moved.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Errors of Verify.
var (
	ErrBadHeader    = errors.New("webhook: malformed signature header")
	ErrBadSignature = errors.New("webhook: no valid signature")
	ErrTooOld       = errors.New("webhook: timestamp outside the tolerance")
)

// Verify checks a Rapport-Signature header against body, as a Go receiver
// would: some v1 signature must match, in constant time, and the timestamp
// must be within tolerance of now (0: DefaultTolerance).
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return ErrBadHeader
		case k == "t":
			ts = v
		case k == "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadHeader
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrTooOld
	}
	want := mac(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return ErrBadSignature
}
