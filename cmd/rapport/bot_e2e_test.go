package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// botPipeline runs serve's pipeline on a fresh SQLite database with one
// safe-mode WeChat account on the fake API, a welcome rule and an FAQ
// entry, the bot on or off; it returns the callback's server.
func botPipeline(t testing.TB, botOn bool) (*wechattest.Server, *crm.WeChatAccount, *httptest.Server) {
	ctx := context.Background()
	api := wechattest.New(t)
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "r.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	acc := &crm.WeChatAccount{AppID: "wxbot0001", AppSecret: "s", Token: "tok",
		EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", Mode: crm.WeChatSafe, APIBase: api.URL}
	must(t, db.CreateWeChatAccount(ctx, acc))
	must(t, db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelWeChat, Account: acc.AppID, Enabled: botOn, FAQ: true}))
	must(t, db.CreateBotRule(ctx, &crm.BotRule{Channel: crm.ChannelWeChat, Account: acc.AppID, Kind: crm.RuleWelcome,
		Reply: "欢迎关注！", Enabled: true}))
	must(t, db.CreateFAQ(ctx, &crm.FAQ{Question: "运费怎么算？", Alternatives: []string{"包邮吗"}, Answer: "满99元包邮", Enabled: true}))
	cfg := defaultConfig()
	p, err := newPipeline(&cfg, db, nil, "http://127.0.0.1", "test-instance", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	w := startWorkers(slog.New(slog.DiscardHandler), p.workers)
	t.Cleanup(w.stop)
	var callback http.Handler
	for _, part := range p.parts {
		if part.wechatCallback != nil {
			callback = part.wechatCallback
		}
	}
	srv := httptest.NewServer(callback)
	t.Cleanup(srv.Close)
	return api, acc, srv
}

// signedPush is a safe-mode push of xml's body from openid, ready to POST.
func signedPush(t testing.TB, acc *crm.WeChatAccount, openid, body string, at int64) (string, []byte) {
	xml := fmt.Sprintf("<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"+
		"<CreateTime>%d</CreateTime>%s</xml>", openid, at, body)
	q, b, err := wechattest.SafePush(wechattest.Account{AppID: acc.AppID, Token: acc.Token, EncodingAESKey: acc.EncodingAESKey},
		xml, fmt.Sprint(time.Now().Unix()), "nonce")
	must(t, err)
	return "/wechat/" + acc.AppID + "?" + q.Encode(), b
}

// TestBotAnswersWeChatPushes runs serve's pipeline (ingest, bot, outbox,
// the WeChat channel) on SQLite against the fake WeChat API: safe-mode
// pushes go to the real callback, and the bot's answers leave as
// customer-service messages. It reports the time from push to send.
func TestBotAnswersWeChatPushes(t *testing.T) {
	api, acc, srv := botPipeline(t, true)
	cases := []struct{ openid, xml, want string }{
		{"oA", "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>", "欢迎关注！"},
		{"oB", "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[請問包郵嗎]]></Content><MsgId>7001</MsgId>", "满99元包邮"},
		{"oC", "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[转人工]]></Content><MsgId>7002</MsgId>", "已为您转接人工客服"},
	}
	var took []time.Duration
	for i, c := range cases {
		path, body := signedPush(t, acc, c.openid, c.xml, time.Now().Unix()+int64(i))
		start := time.Now()
		resp, err := http.Post(srv.URL+path, "text/xml", strings.NewReader(string(body)))
		must(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "success" {
			t.Fatalf("push %d: %d %q", i, resp.StatusCode, b)
		}
		sent := waitFor(t, func() *wechattest.Call {
			for _, call := range api.Calls("/cgi-bin/message/custom/send") {
				if call.Body["touser"] == c.openid {
					return &call
				}
			}
			return nil
		})
		took = append(took, time.Since(start))
		text, _ := sent.Body["text"].(map[string]any)
		if content, _ := text["content"].(string); !strings.Contains(content, c.want) {
			t.Fatalf("%s got %q, want %q", c.openid, content, c.want)
		}
	}
	slices.Sort(took)
	t.Logf("push answered \"success\" at once; bot answer sent as a customer-service message after %v (median of %d)",
		took[len(took)/2], len(took))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// waitFor polls until f finds something: the pipeline's workers run on
// their own, and the send is what the test waits for (10 s at most).
func waitFor[T any](t *testing.T, f func() *T) *T {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if v := f(); v != nil {
			return v
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("timed out waiting")
	return nil
}
