package matcher

import "testing"

func TestCorporateDomain(t *testing.T) {
	m := New(Config{OwnDomains: []string{"Rapport.example", " ours.cn "}})
	tests := []struct{ email, want string }{
		{"li@huaqiang.example", "huaqiang.example"},
		{"zhang@qq.com", ""},
		{"wang@vip.qq.com", ""},
		{"x@163.com", ""},
		{"x@126.com", ""},
		{"x@foxmail.com", ""},
		{"bob@gmail.com", ""},
		{"bob@outlook.com", ""},
		{"bob@notqq.com", "notqq.com"},
		{"rep@rapport.example", ""},
		{"rep@sh.ours.cn", ""},
		{"no-at-sign", ""},
	}
	for _, tt := range tests {
		if got := m.corporateDomain(tt.email); got != tt.want {
			t.Errorf("corporateDomain(%q) = %q, want %q", tt.email, got, tt.want)
		}
	}
}

func TestFreeMailConfigurable(t *testing.T) {
	m := New(Config{FreeMailDomains: append(DefaultFreeMailDomains(), "example-free.cn")})
	if !m.isFreeMail("example-free.cn") || !m.isFreeMail("qq.com") {
		t.Error("an extended list must hold the defaults and the addition")
	}
	m = New(Config{FreeMailDomains: []string{}})
	if m.isFreeMail("qq.com") {
		t.Error("an empty, non-nil list replaces the defaults")
	}
}
