package matcher

import (
	"strings"
	"testing"
)

func TestStripQuoted(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"gmail english", "Thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 AM Li <li@x.example> wrote:\n> call 13800138000", "Thanks!\n\n"},
		{"chinese client", "好的\n在 2024年1月1日 10:00，李雷 <li@x.example> 写道：\n> 原文", "好的\n"},
		{"qq mail", "收到\n------------------ 原始邮件 ------------------\n发件人: x", "收到\n"},
		{"outlook", "OK\n\nFrom: Li Lei\nSent: Monday\nTo: us", "OK\n\n"},
		{"outlook chinese", "好\n发件人: 李雷\n发送时间: 2024年1月1日", "好\n"},
		{"gmail german", "Danke!\n\nAm Mo., 30. Nov. 2026 um 16:02 Uhr schrieb Jürgen <j@x.example>:\n> 0301234567", "Danke!\n\n"},
		{"gmail french", "Merci\nLe lun. 30 nov. 2026 à 09:41, Claire <c@x.example> a écrit :\n> 0612345678", "Merci\n"},
		{"outlook french", "OK\n-----Message d'origine-----\nDe : Claire\nEnvoyé : lundi", "OK\n"},
		{"outlook spanish", "Vale\nDe: Ana\nEnviado: lunes\nPara: nosotros", "Vale\n"},
		{"outlook japanese", "了解\n差出人: 山田\n送信日時: 2026年11月30日", "了解\n"},
		{"a Le sentence is text", "Le colis arrive lundi.\nMerci", "Le colis arrive lundi.\nMerci"},
		{"quote lines only", "mine\n> theirs\n  > more\nmine again", "mine\nmine again"},
		{"a From: line alone is text", "From: the warehouse, 3 boxes", "From: the warehouse, 3 boxes"},
		{"nothing quoted", "plain", "plain"},
	}
	for _, tt := range tests {
		if got := stripQuoted(tt.text); got != tt.want {
			t.Errorf("%s: stripQuoted = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestScanTextLimit(t *testing.T) {
	got := scanText("主题", strings.Repeat("中", 100), 20)
	if len(got) > 20 || !strings.HasPrefix(got, "主题\n") {
		t.Errorf("scanText = %q (%d bytes)", got, len(got))
	}
	for _, r := range got {
		if r == '\uFFFD' {
			t.Fatalf("cut inside a character: %q", got)
		}
	}
}
