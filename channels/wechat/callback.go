package wechat

import (
	"context"
	"errors"
	"io"
	"net/http"
	"path"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// replyWithin bounds the work done before answering: WeChat gives up after
// 5 s and retries, so the push must be durable well before that.
const replyWithin = 4 * time.Second

// ServeHTTP is the callback at /wechat/{account}: GET verifies the URL,
// POST carries a push. The account is the path's last element (the AppID).
func (c *Channel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	appID := path.Base(r.URL.Path)
	a, err := c.accounts.get(r.Context(), appID)
	if err != nil {
		c.refuse(w, r, appID, err)
		return
	}
	switch r.Method {
	case http.MethodGet:
		if err := checkSignature(a.Token, r.URL.Query()); err != nil {
			c.refuse(w, r, appID, err)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, r.URL.Query().Get("echostr"))
	case http.MethodPost:
		c.receive(w, r, a)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (c *Channel) receive(w http.ResponseWriter, r *http.Request, a *crm.WeChatAccount) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, c.cfg.MaxBody))
	if err != nil {
		c.refuse(w, r, a.AppID, err)
		return
	}
	plain, err := openPush(a, r.URL.Query(), body)
	if err != nil {
		c.refuse(w, r, a.AppID, err)
		return
	}
	p, err := parsePush(plain)
	if err != nil {
		c.refuse(w, r, a.AppID, err)
		return
	}
	c.checkFresh(a.AppID, r, p)
	ctx, cancel := context.WithTimeout(r.Context(), replyWithin)
	defer cancel()
	if err := c.handle(ctx, a, p, plain); crm.ErrorCode(err) == crm.EINVALID {
		// Signed by WeChat but not storable as sent (a field past its
		// limit): a retry would fail the same way, so no 5xx.
		c.refuse(w, r, a.AppID, err)
		return
	} else if err != nil {
		c.cfg.Logger.Error("wechat: push not stored; WeChat will retry", "app_id", a.AppID,
			"msg_type", p.MsgType, "event", p.Event, "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	// Never a passive reply: answers go through the outbox. "success" is
	// what WeChat wants in every mode (an empty encrypted envelope is not).
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "success")
}

// staleAfter is how far from now a push's time may be before it is
// logged as suspicious (a replay, or a clock gone wrong).
const staleAfter = 24 * time.Hour

// checkFresh logs a push whose CreateTime, or the signature's timestamp,
// is far from now. It never refuses: WeChat's retries and Tencent's own
// samples carry old times, and the signature already proved the sender.
func (c *Channel) checkFresh(appID string, r *http.Request, p *push) {
	now := c.cfg.Now()
	stamp, _ := strconv.ParseInt(r.URL.Query().Get("timestamp"), 10, 64)
	for _, t := range []int64{p.CreateTime, stamp} {
		if t == 0 {
			continue
		}
		if d := now.Sub(time.Unix(t, 0)).Abs(); d > staleAfter {
			c.cfg.Logger.Warn("wechat: push timestamp far from now; stored anyway", "app_id", appID,
				"remote", r.RemoteAddr, "create_time", p.CreateTime, "timestamp", stamp, "off_by", d.Round(time.Second).String())
			return
		}
	}
}

// refuse answers a callback that cannot be taken, logging why but never
// the body (it holds personal data and, forged, whatever an attacker sent).
func (c *Channel) refuse(w http.ResponseWriter, r *http.Request, appID string, err error) {
	var tooBig *http.MaxBytesError
	status := http.StatusForbidden
	switch {
	case crm.IsNotFound(err):
		status = http.StatusNotFound
	case errors.As(err, &tooBig):
		status = http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadPush):
		status = http.StatusBadRequest
	case errors.Is(err, errForged), errors.Is(err, errBadCrypt):
	default:
		status = http.StatusBadRequest
	}
	c.cfg.Logger.Warn("wechat: callback refused", "app_id", appID, "remote", r.RemoteAddr,
		"status", status, "err", err)
	http.Error(w, http.StatusText(status), status)
}
