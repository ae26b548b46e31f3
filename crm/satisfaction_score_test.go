package crm

import "testing"

func TestParseScore(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"5", 5, true}, {" 1 ", 1, true}, {"５", 5, true}, {"④", 4, true}, {"五", 5, true}, {"三分", 3, true},
		{"5分", 5, true}, {"4 分。", 4, true}, {"2星", 2, true}, {"3颗星", 3, true}, {"5!", 5, true}, {"两分", 2, true},
		{"0", 0, false}, {"6", 0, false}, {"15", 0, false}, {"3-5", 0, false}, {"5分钟后再说", 0, false},
		{"多少钱", 0, false}, {"", 0, false}, {"五星好评，谢谢", 0, false},
	} {
		got, ok := ParseScore(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseScore(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
