package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

const fakeKey = "sk-fake-7d41c0"

// fakeChat is an OpenAI-compatible chat-completions server on 127.0.0.1:
// each test case sets how it answers.
type fakeChat struct {
	mu      sync.Mutex
	answer  func(w http.ResponseWriter, r *http.Request)
	calls   int
	auth    string
	request chatRequest
}

func newFakeChat(t *testing.T) (*fakeChat, *httptest.Server) {
	f := &fakeChat{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.calls++
		f.auth = r.Header.Get("Authorization")
		_ = json.Unmarshal(body, &f.request)
		answer := f.answer
		f.mu.Unlock()
		answer(w, r)
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

// seen returns the calls, the last Authorization header and request.
func (f *fakeChat) seen() (int, string, chatRequest) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, f.auth, f.request
}

func (f *fakeChat) set(a func(w http.ResponseWriter, r *http.Request)) {
	f.mu.Lock()
	f.answer, f.calls = a, 0
	f.mu.Unlock()
}

// says answers with content as the assistant's message.
func says(content string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}}})
	}
}

func raw(status int, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// slow answers only once the client gives up.
func slow(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

// TestGenerativeAnswers: with the endpoint on, a confident FAQ match is
// phrased by the model, and an unsure one may be answered from the
// entries retrieved; a slow, failing, malformed, refusing, declining or
// ungrounded endpoint leaves the plain answer or the hand-off, each with
// its reason, and no message goes unanswered. The key goes to the
// endpoint only.
func TestGenerativeAnswers(t *testing.T) {
	w := newWorld(t)
	var logs bytes.Buffer
	w.bot.cfg.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	setup(t, w, crm.BotSettings{FAQ: true, Generative: true})
	f, srv := newFakeChat(t)
	must(t, w.db.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: srv.URL + "/v1",
		Model: "qwen-test", APIKey: fakeKey, TimeoutMS: 300}))
	faqs, err := w.db.FAQs(ctx)
	must(t, err)
	ship := faqs[0].ID // 运费: 满99包邮
	grounded := fmt.Sprintf(`{"entry": %d, "answer": "您好，订单满99元就包邮哦。"}`, ship)
	handoff := "已为您转接人工客服，同事会尽快回复您。"
	tests := []struct {
		name      string
		threshold float64 // 0.99: no plain answer is confident
		answer    func(w http.ResponseWriter, r *http.Request)
		action    string
		reply     string
		reasonHas string
	}{
		{"confident, phrased", 0, says(grounded), crm.BotAnswer, "您好，订单满99元就包邮哦。", "phrased by qwen-test from faq"},
		{"confident, endpoint fails: plain answer", 0, raw(500, `{"error":"boom"}`), crm.BotAnswer, "满99包邮", "HTTP 500"},
		{"unsure, answered from the entries", 0.99, says("好的：\n```json\n" + grounded + "\n```"), crm.BotAnswer,
			"您好，订单满99元就包邮哦。", "generative: qwen-test answered from faq"},
		{"unsure, slow", 0.99, slow, crm.BotHandoff, handoff, "timeout after 300 ms"},
		{"unsure, 500", 0.99, raw(500, "oops "+fakeKey), crm.BotHandoff, handoff, "HTTP 500"},
		{"unsure, malformed", 0.99, raw(200, `{"choices": [`), crm.BotHandoff, handoff, "malformed answer"},
		{"unsure, not JSON content", 0.99, says("满99包邮哦"), crm.BotHandoff, handoff, "malformed answer"},
		{"unsure, refusal", 0.99, raw(200, `{"choices":[{"message":{"content":"","refusal":"I can't help"},"finish_reason":"stop"}]}`),
			crm.BotHandoff, handoff, "the model refused"},
		{"unsure, declined", 0.99, says(`{"entry": 0}`), crm.BotHandoff, handoff, "no entry answers it"},
		{"unsure, a number the entry lacks", 0.99, says(fmt.Sprintf(`{"entry": %d, "answer": "满199包邮"}`, ship)),
			crm.BotHandoff, handoff, `stated "199"`},
		{"unsure, an entry not given", 0.99, says(`{"entry": 999, "answer": "满99包邮"}`), crm.BotHandoff, handoff,
			"not given"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Only the slow endpoint meets the 300 ms timeout (it answers
			// when the client gives up); the others get a minute, so that
			// a loaded machine does not turn their answers into timeouts.
			timeout := 60_000
			if strings.Contains(tc.reasonHas, "timeout") {
				timeout = 300
			}
			must(t, w.db.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: srv.URL + "/v1",
				Model: "qwen-test", APIKey: fakeKey, TimeoutMS: timeout}))
			must(t, w.db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelWeChat, Account: "wx1", Enabled: true,
				FAQ: true, Generative: true, Threshold: tc.threshold}))
			f.set(tc.answer)
			d, text := w.decide(t, w.push(t, fmt.Sprintf("gen-%d", i), "寄到新疆运费多少", ""))
			if d.Action != tc.action || text != tc.reply || !strings.Contains(d.Reason, tc.reasonHas) {
				t.Fatalf("decision %s %q, reason %q: want %s %q, reason with %q", d.Action, text, d.Reason,
					tc.action, tc.reply, tc.reasonHas)
			}
			calls, auth, req := f.seen()
			if !strings.Contains(d.Reason, "qwen-test") || calls != 1 {
				t.Errorf("reason %q, %d calls: want the model named and one call", d.Reason, calls)
			}
			if auth != "Bearer "+fakeKey || req.Model != "qwen-test" || len(req.Messages) != 2 ||
				!strings.Contains(req.Messages[1].Content, "满99包邮") {
				t.Errorf("the request: auth %q, %+v", auth, req)
			}
			if strings.Contains(d.Reason, fakeKey) {
				t.Errorf("the reason shows the key: %q", d.Reason)
			}
		})
	}
	if strings.Contains(logs.String(), fakeKey) {
		t.Error("the log shows the key")
	}
}

// TestGenerativeOffAndCapped: the endpoint is not asked for an account
// that has not switched it on, nor past the daily cap; chit-chat and rules
// never reach it.
func TestGenerativeOffAndCapped(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true, Threshold: 0.99})
	f, srv := newFakeChat(t)
	f.set(says(`{"entry": 0}`))
	must(t, w.db.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: srv.URL + "/v1",
		Model: "m", DailyCap: 2}))
	d, _ := w.decide(t, w.push(t, "off-1", "寄到新疆运费多少", ""))
	if calls, _, _ := f.seen(); calls != 0 || d.Action != crm.BotHandoff {
		t.Fatalf("account without generative: %d calls, %s", calls, d.Action)
	}
	must(t, w.db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelWeChat, Account: "wx1", Enabled: true,
		FAQ: true, Generative: true, Threshold: 0.99}))
	for _, text := range []string{"你好", "目录", "加盟"} {
		w.decide(t, w.push(t, "off-"+text, text, ""))
	}
	if calls, _, _ := f.seen(); calls != 0 {
		t.Fatalf("chit-chat and rules made %d calls", calls)
	}
	for i := range 3 {
		d, _ = w.decide(t, w.push(t, fmt.Sprintf("cap-%d", i), "寄到新疆运费多少", ""))
	}
	if calls, _, _ := f.seen(); calls != 2 || d.Action != crm.BotHandoff || !strings.Contains(d.Reason, "daily cap reached") {
		t.Fatalf("past the cap: %s %q", d.Action, d.Reason)
	}
}
