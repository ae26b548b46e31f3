package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// APIError is WeChat's answer {"errcode": n, "errmsg": "…"} with n ≠ 0.
type APIError struct {
	Code int    `json:"errcode"`
	Msg  string `json:"errmsg"`
}

func (e *APIError) Error() string { return fmt.Sprintf("WeChat error %d: %s", e.Code, e.Msg) }

// tokenRejected are the codes that mean "fetch a new access token and try
// once more": invalid (40001), expired (42001), or not this app's (40014).
func tokenRejected(err error) bool {
	e, ok := err.(*APIError)
	return ok && slices.Contains([]int{40001, 42001, 40014}, e.Code)
}

// statusError is an HTTP failure of WeChat's API: worth retrying.
type statusError struct{ status int }

func (e *statusError) Error() string { return fmt.Sprintf("WeChat API answered HTTP %d", e.status) }

// call runs one API request with the account's shared token, fetching a
// new token and trying again once when WeChat rejects it. path is relative
// to the API base ("/cgi-bin/message/custom/send"); in, when not nil, is
// sent as JSON; the answer is decoded into out.
func (c *Channel) call(ctx context.Context, a *crm.WeChatAccount, method, path string, q url.Values, in, out any) error {
	return c.withToken(ctx, a, func(tok string) error {
		return c.do(ctx, method, apiURL(a, path, q, tok), in, out)
	})
}

// withToken runs fn with the account's shared token, and once more with a
// new token when WeChat rejected the first.
func (c *Channel) withToken(ctx context.Context, a *crm.WeChatAccount, fn func(token string) error) error {
	rejected := ""
	for try := 0; ; try++ {
		tok, err := c.token(ctx, a, rejected)
		if err != nil {
			return err
		}
		err = fn(tok)
		if try == 0 && tokenRejected(err) {
			rejected = tok
			continue
		}
		return err
	}
}

func apiURL(a *crm.WeChatAccount, path string, q url.Values, token string) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	if token != "" {
		v.Set("access_token", token)
	}
	return apiBase(a) + path + "?" + v.Encode()
}

// do sends one request and decodes a JSON answer, returning *APIError for
// a non-zero errcode and *statusError for an HTTP failure.
func (c *Channel) do(ctx context.Context, method, u string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return decodeAnswer(resp, out)
}

func decodeAnswer(resp *http.Response, out any) error {
	if resp.StatusCode != http.StatusOK {
		return &statusError{resp.StatusCode}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	var e APIError
	if err := json.Unmarshal(b, &e); err != nil {
		return fmt.Errorf("WeChat API: unreadable answer: %w", err)
	}
	if e.Code != 0 {
		return &e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}
