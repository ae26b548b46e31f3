package importer

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026年3月5日": "2026-03-05", "2026 年 3 月 5 日": "2026-03-05", "2026年03月05号": "2026-03-05",
		"2026/3/5": "2026-03-05", "2026-03-05": "2026-03-05", "2026.3.5": "2026-03-05", "2026/3/5 14:30": "2026-03-05",
		"２０２６／３／５": "2026-03-05",                           // full-width
		"46086":    "2026-03-05", "46086.75": "2026-03-05", // Excel serials, with a time of day
		"59": "1900-02-28", "61": "1900-03-01", // around Excel's phantom 29 February 1900
	} {
		d, ok := parseDate(in)
		if !ok || d == nil || d.String() != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, d, ok, want)
		}
	}
	for _, bad := range []string{"三月五日", "2026/13/5", "2026/2/30", "5/3/2026", "yesterday", "0"} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) took it", bad)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{
		"¥1,234.50": 123450, "￥12 000": 1200000, "1234元": 123400, "RMB 99.9": 9990, "(120)": -12000,
		"-120": -12000, "１，２３４": 123400, "0": 0, "1,234,567.891": 123456789,
	} {
		if got, ok := parseAmount(in); !ok || got != want {
			t.Errorf("parseAmount(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "¥", "一千", "12abc", "1e20"} {
		if _, ok := parseAmount(bad); ok {
			t.Errorf("parseAmount(%q) took it", bad)
		}
	}
}

func TestPhoneCells(t *testing.T) {
	var p rowProblems
	got := phones(&p, "phone", "1.3800138001E+10; 13900139000.0、+1 415 555 0134", "CN")
	want := []string{"+8613800138001", "+8613900139000", "+14155550134"}
	if len(p) != 0 || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("phones = %v (problems %v), want %v", got, p, want)
	}
	if got := phones(&p, "phone", "2345 6789", "HK"); len(got) != 1 || got[0] != "+85223456789" {
		t.Fatalf("a number without country code read in HK = %v", got)
	}
}

func TestGuessMapping(t *testing.T) {
	heads := []string{"客户名称 *", "Customer level", "ＥＭＡＩＬ", "联系人", "传真", "Mobile", "客户名称"}
	got := guessMapping(crm.ImportCustomers, heads)
	want := []string{"name", "", "contact_email", "contact_name", "", "contact_phone", ""}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("column %q → %q, want %q", heads[i], got[i], want[i])
		}
	}
	if err := checkMapping(crm.ImportCustomers, heads, []string{"", "level", "", "", "", "", ""}); crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("a mapping without the customer's name passed: %v", err)
	}
	if err := checkMapping(crm.ImportCustomers, heads[:2], []string{"name", "name"}); crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("a field chosen twice passed: %v", err)
	}
}
