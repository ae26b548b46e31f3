package wechat_test

import (
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
)

// Tencent's published WXBizMsgCrypt sample (Sample.cs and friends): token,
// EncodingAESKey, AppID and an encrypted push with its msg_signature.
const (
	sampleToken  = "QDG6eK"
	sampleAppID  = "wx5823bf96d3bd56c7"
	sampleAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	sampleSig    = "477715d11cdb4164915debcba66cb864d751f3e6"
	sampleTS     = "1409659813"
	sampleNonce  = "1372623149"
)

// sampleBody is Tencent's own encrypted sample push (testdata/tencent_sample.xml),
// signed with the sample constants above.
func sampleBody(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/tencent_sample.xml")
	check(t, err)
	return b
}

func TestTencentSampleThroughEndpoint(t *testing.T) {
	e := newEnv(t)
	check(t, e.db.CreateWeChatAccount(ctx, &crm.WeChatAccount{AppID: sampleAppID, AppSecret: "x",
		Token: sampleToken, EncodingAESKey: sampleAESKey, Mode: crm.WeChatSafe, APIBase: e.api.URL}))
	q := map[string][]string{"msg_signature": {sampleSig}, "timestamp": {sampleTS}, "nonce": {sampleNonce},
		"encrypt_type": {"aes"}}
	status, body := e.do(t, http.MethodPost, "/wechat/"+sampleAppID, q, sampleBody(t))
	if status != http.StatusOK || body != "success" {
		t.Fatalf("sample push: %d %q", status, body)
	}
	in, res := e.ing.last("mycreate")
	if in == nil || in.Text != "hello" || in.ExternalID != "4561255354251345929" || res.Duplicate {
		t.Fatalf("sample push ingested as %+v", in)
	}
	// One changed byte of the signature, or another key: refused.
	q["msg_signature"] = []string{strings.Replace(sampleSig, "4", "5", 1)}
	if status, _ := e.do(t, http.MethodPost, "/wechat/"+sampleAppID, q, sampleBody(t)); status != http.StatusForbidden {
		t.Errorf("forged sample: %d, want 403", status)
	}
}

func TestCallbackRefusals(t *testing.T) {
	e := newEnv(t)
	good := e.wxAccount()
	other := good
	other.EncodingAESKey = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut"
	otherApp := good
	otherApp.AppID = "wxsomebodyelse"
	push := text("o1", "1", "hi", e.clock.Unix())
	tests := []struct {
		name   string
		acct   wechattest.Account
		tamper func(q map[string][]string, body []byte) []byte
		want   int
	}{
		{"good", good, nil, 200},
		{"bad msg_signature", good, func(q map[string][]string, b []byte) []byte { q["msg_signature"] = []string{"00"}; return b }, 403},
		{"missing msg_signature", good, func(q map[string][]string, b []byte) []byte { delete(q, "msg_signature"); return b }, 403},
		{"bad signature", good, func(q map[string][]string, b []byte) []byte { q["signature"] = []string{"00"}; return b }, 403},
		{"other AES key", other, nil, 403},
		{"other AppID inside", otherApp, nil, 403},
		{"too large", good, func(_ map[string][]string, b []byte) []byte { return append(b, make([]byte, 70<<10)...) }, 413},
		{"not XML", good, func(_ map[string][]string, _ []byte) []byte { return []byte("{}") }, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, body, err := wechattest.SafePush(tt.acct, push, e.clock.Stamp(), "n")
			check(t, err)
			if tt.tamper != nil {
				body = tt.tamper(q, body)
			}
			if status, _ := e.do(t, http.MethodPost, "/wechat/"+appID, q, body); status != tt.want {
				t.Errorf("status %d, want %d", status, tt.want)
			}
		})
	}
	if got := len(e.messages(t, "o1")); got != 1 {
		t.Errorf("%d messages stored, want 1 (the good one)", got)
	}
}

func TestURLVerificationAndPlainMode(t *testing.T) {
	e := newEnv(t)
	q := wechattest.PlainPush(e.wxAccount(), "1700000000", "n")
	q.Set("echostr", "echo-123")
	if status, body := e.do(t, http.MethodGet, "/wechat/"+appID, q, nil); status != 200 || body != "echo-123" {
		t.Errorf("verification: %d %q", status, body)
	}
	q.Set("signature", "forged")
	if status, _ := e.do(t, http.MethodGet, "/wechat/"+appID, q, nil); status != 403 {
		t.Errorf("forged verification: %d, want 403", status)
	}
	if status, _ := e.do(t, http.MethodGet, "/wechat/nosuchaccount", q, nil); status != 404 {
		t.Errorf("unknown account: %d, want 404", status)
	}
	// Compatible mode also takes plain pushes, signed.
	plain := wechattest.PlainPush(e.wxAccount(), "1700000000", "n")
	if status, body := e.do(t, http.MethodPost, "/wechat/"+appID, plain, []byte(text("o2", "7", "plain hi", 1700000000))); status != 200 || body != "success" {
		t.Errorf("plain push: %d %q", status, body)
	}
	if in, _ := e.ing.last("o2"); in == nil || in.Text != "plain hi" {
		t.Errorf("plain push ingested as %+v", in)
	}
	// Safe mode refuses plain pushes.
	e.account.Mode = crm.WeChatSafe
	check(t, e.db.UpdateWeChatAccount(ctx, e.account))
	e2 := e.channel(e.ing, "b")
	rec := newRecorder()
	req, _ := http.NewRequest(http.MethodPost, "/wechat/"+appID+"?"+plain.Encode(), strings.NewReader(text("o3", "8", "x", 1)))
	e2.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("plain push in safe mode: %d, want 403", rec.Code)
	}
}

func TestConcurrentRetriesGiveOneMessage(t *testing.T) {
	e := newEnv(t)
	q, body, err := wechattest.SafePush(e.wxAccount(), text("o1", "42", "once", e.clock.Unix()), e.clock.Stamp(), "n")
	check(t, err)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, body := e.do(t, http.MethodPost, "/wechat/"+appID, q, body); status != 200 || body != "success" {
				t.Errorf("delivery: %d %q", status, body)
			}
		}()
	}
	wg.Wait()
	if ms := e.messages(t, "o1"); len(ms) != 1 || ms[0].Text != "once" {
		t.Errorf("%d messages after three deliveries, want 1", len(ms))
	}
}
