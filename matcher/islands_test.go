package matcher

import (
	"slices"
	"strings"
	"testing"
)

func TestIslands(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no digits", "hello, 你好", nil},
		{"a word around digits", "call me at +86-138-0013-8000 today", []string{"call me at +86-138-0013-8000 today"}},
		{"widened to Chinese punctuation", strings.Repeat("前文", 20) + "，前文很长，合同编号：HT-2024-01，后文很长很长很长很长很长很长很长，后文",
			[]string{"前文很长，合同编号：HT-2024-01，后文很长很长很长很长很长很长很长"}},
		{"far apart, two islands", "SO-10001" + strings.Repeat(" word", 40) + " T-123",
			[]string{"SO-10001 word word word word word word word", "word word word word word word T-123"}},
		{"a link stays whole", "please see https://example.com/very/long/path/to/the/page?tel=13800138000 and tell me what you think about the offer please",
			[]string{"https://example.com/very/long/path/to/the/page?tel=13800138000 and tell me what you think about"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range islands(tt.text) {
			got = append(got, strings.TrimSpace(tt.text[w[0]:w[1]]))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: islands = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestScanLongText finds numbers anywhere in a long text, and none inside a
// link that the island keeps whole.
func TestScanLongText(t *testing.T) {
	m := New(Config{})
	filler := strings.Repeat("我们需要再确认一下数量和交期，Please confirm. ", 200)
	n := m.scan("开头 SO-20240001，" + filler + "我的电话是13800138000。" + filler +
		" https://example.com/x?tel=13900139000 结尾 T-1001")
	if !slices.Equal(n.orders, []string{"SO-20240001"}) || !slices.Equal(n.tasks, []string{"T-1001"}) ||
		!slices.Equal(n.phones, []string{"+8613800138000"}) {
		t.Errorf("scan = %+v", n)
	}
}
