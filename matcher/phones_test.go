package matcher

import (
	"slices"
	"testing"
)

func TestFindPhones(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"international spaced", "call +86 138 0013 8000 please", []string{"+8613800138000"}},
		{"bare mobile", "13800138000", []string{"+8613800138000"}},
		{"area code in brackets", "Tel (0755) 8888-1234", []string{"+8675588881234"}},
		{"area code with dash", "电话：0755-88881234", []string{"+8675588881234"}},
		{"full-width brackets", "电话（0755）88881234", []string{"+8675588881234"}},
		{"US with country code", "call me at +1 415-555-0134.", []string{"+14155550134"}},
		{"inside Chinese text", "我的电话是13800138000，谢谢", []string{"+8613800138000"}},
		{"full-width digits", "手机：１３８００１３８０００", []string{"+8613800138000"}},
		{"two in a row", "138 0013 8000 139 0013 9000", []string{"+8613800138000", "+8613900139000"}},
		{"two with slash", "13800138000/13900139000", []string{"+8613800138000", "+8613900139000"}},
		{"duplicates once", "13800138000 or +8613800138000", []string{"+8613800138000"}},
		{"London", "office +44 20 7946 0958", []string{"+442079460958"}},
		{"86 prefix without plus", "8613800138000", []string{"+8613800138000"}},
		{"Dubai landline the metadata lacks", "Tel: +971 4 123 4567", []string{"+97141234567"}},
		{"Hong Kong mobile", "my mobile is +852 9123 4567.", []string{"+85291234567"}},
		{"plus and an unknown country", "+999 123 4567", nil},

		{"ISO date", "delivered 2024-01-15", nil},
		{"Chinese date", "2024年1月15日发货", nil},
		{"slash date and time", "15/01/2024 13:45:00", nil},
		{"amount with yuan sign", "总价 ¥13800138000", nil},
		{"amount in yuan", "合计13800138000元", nil},
		{"amount with decimals", "USD 13,800.00", nil},
		{"percentage", "增长 13800138000%", nil},
		{"zip code", "邮编518000", nil},
		{"short number", "room 8888", nil},
		{"order code", "SO-13800138000", nil},
		{"hash code", "#13800138000", nil},
		{"letters glued", "ABC13800138000", nil},
		{"after a word and slash", "ref/13800138000", nil},
		{"inside an address", "13800138000@163.com", nil},
		{"inside a link", "https://example.com/item/13800138000", nil},
		{"bare fixed line without prefix", "415-555-0134", nil},
		{"bare Shenzhen number without 0", "75588881234", nil},
		{"too long a digit run", "1380013800013900139000", nil},
		{"pi", "3.14159265358979", nil},
	}
	m := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.scan(tt.text).phones
			if !slices.Equal(got, tt.want) {
				t.Errorf("findPhones(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindPhonesRegion(t *testing.T) {
	m := New(Config{PhoneRegion: "US"})
	got := m.scan("call (415) 555-0134 today").phones
	if want := []string{"+14155550134"}; !slices.Equal(got, want) {
		t.Errorf("US region: got %q, want %q", got, want)
	}
}

func TestFindPhonesMax(t *testing.T) {
	m := New(Config{})
	got := m.appendPhones(nil, "13800138000 13900139000 13700137000", 2)
	if len(got) != 2 {
		t.Errorf("max 2: got %q", got)
	}
}
