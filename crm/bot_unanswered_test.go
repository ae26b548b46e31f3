package crm_test

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestQuestionKey: identical questions share a key whatever their
// punctuation, spacing, width, case and emoji; different ones do not.
func TestQuestionKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"运费多少？", "运费 多少"},
		{"运费多少", "运费多少!!😂"},
		{"ＡＰＰ下载", "app下载"},
		{"Is shipping free?", "is shipping free"},
		{"？？", "？？"},
	} {
		if ka, kb := crm.QuestionKey(c.a), crm.QuestionKey(c.b); ka != kb || ka == "" {
			t.Errorf("%q → %q, %q → %q: want one key", c.a, ka, c.b, kb)
		}
	}
	if crm.QuestionKey("运费多少") == crm.QuestionKey("运费多久") {
		t.Error("two questions share a key")
	}
}

// TestUnsureGuess reads the bot's best guess from its reasons.
func TestUnsureGuess(t *testing.T) {
	for _, c := range []struct {
		action, reason string
		unsure         bool
		id             int64
		score          float64
	}{
		{crm.BotHandoff, "unsure: best faq 6 score 0.29 (runner-up 0.00)", true, 6, 0.29},
		{crm.BotHandoff, "unsure: best faq 12 score 0.31 (runner-up 0.20); generative (qwen): timeout after 8000 ms (given faq 12 0.31)", true, 12, 0.31},
		{crm.BotHandoff, "unsure: no faq entry matched; assigned to user 7 (round robin of team 2)", true, 0, 0},
		{crm.BotHandoff, `unsure: asks for "加油站", which no faq entry names`, true, 0, 0},
		{crm.BotHandoff, "person: asked (转人工)", false, 0, 0},
		{crm.BotAnswer, "generative: qwen answered from faq 7 (given faq 7 0.28); retrieval alone was unsure: best faq 7 score 0.28", false, 0, 0},
	} {
		if got := crm.IsUnsure(c.action, c.reason); got != c.unsure {
			t.Errorf("IsUnsure(%q) = %v", c.reason, got)
		}
		id, score, ok := crm.UnsureGuess(c.reason)
		if id != c.id || score != c.score || ok != (c.id != 0) {
			t.Errorf("UnsureGuess(%q) = %d %.2f %v", c.reason, id, score, ok)
		}
	}
}

// TestUnansweredText: a mail's question is its subject and its first
// lines up to the quoted mail, on one line, and no text is longer than a
// phrasing may be.
func TestUnansweredText(t *testing.T) {
	if got := crm.UnansweredText(crm.ChannelEmail, "报价", "能给个报价吗\n谢谢\n> 上一封\n> 邮件"); got != "报价 能给个报价吗 谢谢" {
		t.Errorf("mail: %q", got)
	}
	if got := crm.UnansweredText(crm.ChannelWeChat, "", "  包邮吗？ "); got != "包邮吗？" {
		t.Errorf("WeChat: %q", got)
	}
	if got := crm.UnansweredText(crm.ChannelWeChat, "", strings.Repeat("长", 600)); len([]rune(got)) != 500 {
		t.Errorf("a long message keeps %d characters, want 500", len([]rune(got)))
	}
}
