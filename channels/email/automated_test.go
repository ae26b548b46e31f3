package email

import "testing"

func TestAutomatedSender(t *testing.T) {
	tests := []struct {
		addr string
		auto bool
	}{
		{"noreply@github.example", true},
		{"no-reply@notice.aliyun.example", true},
		{"no_reply@bank.example", true},
		{"do-not-reply@service.mail-163.example", true},
		{"donotreply@apple.example", true},
		{"DoNotReply@Microsoft.example", true},
		{"account-noreply@google.example", true},
		{"noreply123@jd.example", true},
		{"notification@taobao.example", true},
		{"notifications@github.example", true},
		{"order-notification@shop.example", true},
		{"alerts@monitoring.example", true},
		{"mailer-daemon@mx.example", true},
		{"postmaster@example.cn", true},
		{"bounces+12345-abcd=rapport.test@sendgrid.example", true},
		{"bounce-123@mail.example", true},
		{"service@notice.alipay.example", true},
		{"news@newsletter.shop.example", true},
		{"info@em1234.brand.example", true},
		{"msg@notifications.linkedin.example", true},

		{"zhang.wei@huaqiang.example", false},
		{"info@factory.example", false},
		{"sales@globex.example", false},
		{"service@taobao.example", false},
		{"support@rapport.test", false},
		{"noah.reply@family.example", false},
		{"notion-team@company.example", false},
		{"li@mail.company.example", false},
		{"wang@email.company.example", false},
		{"admin@company.example", false},
		{"13800138000@163.com", false},
	}
	for _, tt := range tests {
		if got := automatedSender(tt.addr) != ""; got != tt.auto {
			t.Errorf("automatedSender(%q) = %q, want automated %v", tt.addr, automatedSender(tt.addr), tt.auto)
		}
	}
}
