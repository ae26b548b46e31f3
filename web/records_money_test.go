package web

import (
	"net/url"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestMoneyFromForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1200.50", 120050, true}, {"1,200.5", 120050, true}, {"12", 1200, true}, {".5", 50, true},
		{"0", 0, true}, {"12.345", 0, false}, {"-3", 0, false}, {"abc", 0, false}, {"", 0, false}, {".", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseMoney(tt.in)
		if ok != tt.ok || (ok && int64(got) != tt.want) {
			t.Errorf("parseMoney(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && tt.in == "1,200.5" && moneyText(int64(got)) != "1,200.50" {
			t.Errorf("moneyText(%d) = %q", got, moneyText(int64(got)))
		}
	}
	for m, want := range map[int64]string{0: "0.00", 5: "0.05", 99999: "999.99", 120050: "1,200.50", -150: "-1.50",
		1225000: "12,250.00", -123456789: "-1,234,567.89", 100000000: "1,000,000.00"} {
		if got := moneyText(m); got != want {
			t.Errorf("moneyText(%d) = %q, want %q", m, got, want)
		}
		if back, ok := parseMoney(want); m >= 0 && (!ok || int64(back) != m) {
			t.Errorf("parseMoney(%q) = %d, %v; want %d back", want, back, ok, m)
		}
	}
	for _, tt := range []struct {
		m    crm.Money
		cur  string
		want string
	}{{1225000, "CNY", "¥12,250.00"}, {-150, "CNY", "-¥1.50"}, {99, "USD", "$0.99"}, {123456, "JPY", "1,234.56 JPY"}, {5, "", "0.05"}} {
		if got := moneyIn(tt.m, tt.cur); got != tt.want {
			t.Errorf("moneyIn(%d, %q) = %q, want %q", tt.m, tt.cur, got, tt.want)
		}
	}
}

func TestFormJSON(t *testing.T) {
	t.Parallel()
	fields := []field{{Name: "name"}, {Name: "owner_id", Type: "user"}, {Name: "tags", Type: "lines"},
		{Name: "amount", Type: "money"}, {Name: "customer_id", Type: "id", NoEdit: true}, {Name: "items", Type: "items"}}
	tests := []struct {
		name     string
		form     url.Values
		creating bool
		want     string
	}{
		{"only what is sent", url.Values{"name": {"A"}}, false, `{"name":"A"}`},
		{"cleared owner is the pool", url.Values{"owner_id": {""}}, true, `{"owner_id":null}`},
		{"lines", url.Values{"tags": {"a, b\nc，d"}}, true, `{"tags":["a","b","c","d"]}`},
		{"empty amount is not sent", url.Values{"amount": {""}}, true, `{}`},
		{"create-only field kept off edits", url.Values{"customer_id": {"3"}}, false, `{}`},
		{"items without blank rows", url.Values{"items.product": {"X", ""}, "items.quantity": {"2", ""},
			"items.unit_price": {"1.5", ""}}, true, `{"items":[{"product":"X","quantity":2,"unit_price":150}]}`},
	}
	for _, tt := range tests {
		b, err := formJSON(fields, tt.form, tt.creating)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: %s, %v; want %s", tt.name, b, err, tt.want)
		}
	}
	if _, err := formJSON(fields, url.Values{"amount": {"1.234"}, "owner_id": {"x"}}, true); err == nil {
		t.Error("bad amount and owner accepted")
	}
}
