package care

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// surveyKeyName names the server key that signs survey links.
const surveyKeyName = "satisfaction-links"

// signer signs survey links with the server's key, read once.
type signer struct {
	mu  sync.Mutex
	key []byte
}

func (s *Service) signingKey(ctx context.Context) ([]byte, error) {
	s.sign.mu.Lock()
	defer s.sign.mu.Unlock()
	if s.sign.key == nil {
		k, err := s.cfg.Satisfaction.ServerKey(ctx, surveyKeyName)
		if err != nil {
			return nil, err
		}
		s.sign.key = k
	}
	return s.sign.key, nil
}

// surveyToken is "ID.EXPIRES.MAC": the survey, when the link stops working
// (Unix seconds) and an HMAC-SHA256 of both under the server key. A link
// needs no login and cannot be made up for another survey.
func (s *Service) surveyToken(ctx context.Context, id int64, expires time.Time) (string, error) {
	key, err := s.signingKey(ctx)
	if err != nil {
		return "", err
	}
	payload := fmt.Sprintf("%d.%d", id, expires.Unix())
	return payload + "." + mac(key, payload), nil
}

func mac(key []byte, payload string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18])
}

// surveyOfToken checks a link's token and returns its survey id. ENOTFOUND
// for a token that is not ours, EINVALID for one that expired.
func (s *Service) surveyOfToken(ctx context.Context, token string, now time.Time) (int64, error) {
	parts := strings.Split(token, ".")
	bad := crm.Errorf(crm.ENOTFOUND, "No such survey.")
	if len(parts) != 3 {
		return 0, bad
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, bad
	}
	key, err := s.signingKey(ctx)
	if err != nil {
		return 0, err
	}
	if !hmac.Equal([]byte(mac(key, parts[0]+"."+parts[1])), []byte(parts[2])) {
		return 0, bad
	}
	if !now.Before(time.Unix(exp, 0)) {
		return 0, crm.Errorf(crm.EINVALID, "This survey is closed.")
	}
	return id, nil
}
