package web

import (
	"errors"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// localize, message by message: the catalogs' texts, the value a message
// quotes, numbers kept in their sentence, English as it is, an unknown
// message replaced by its code's sentence (never English on a Chinese page),
// and every code with a sentence in both languages.
func TestLocalizeTable(t *testing.T) {
	for _, tc := range []struct {
		lang string
		err  error
		want string
	}{
		{"zh-CN", crm.Errorf(crm.ENOTFOUND, "No such page."), "这个页面不存在。"},
		{"zh-CN", crm.Errorf(crm.ECONFLICT, "Cap 2 reached: the user holds 2 open leads."), "已达上限 2：该用户已持有 2 条此类记录。"},
		{"en", crm.Errorf(crm.ECONFLICT, "Cap 2 reached: the user holds 2 open leads."), "Cap 2 reached: the user holds 2 open leads."},
		{"en", crm.Errorf(crm.ECONFLICT, "A message no catalog knows."), "A message no catalog knows."},
		{"zh-CN", crm.Errorf(crm.ECONFLICT, "A message no catalog knows."), "内容已被他人同时修改，或该值已被占用。请刷新后重试。"},
		{"zh-CN", errors.New("disk on fire"), "服务器出错了。请重试；如果一直出现，请联系管理员。"},
		{"zh-CN", invalid("phones", `"+999 1" is not a valid phone number`), "部分内容填写有误。"},
	} {
		if got := localize(tc.lang, tc.err).Message; got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.lang, tc.err, got, tc.want)
		}
	}
	l := localize("zh-CN", invalid("phones", `"+999 1" is not a valid phone number`))
	if l.Fields["phones"] != `"+999 1" `+translate("zh-CN", "err.is not a valid phone number") {
		t.Errorf("a quoted value: %q", l.Fields["phones"])
	}
	if l.Labels["phones"] != translate("zh-CN", "field.phones") {
		t.Errorf("label %q", l.Labels["phones"])
	}
	if l := localize("zh-CN", invalid("lead_cap", "must be from 0 to 100000")); l.Fields["lead_cap"] != "必须在 0 到 100000 之间" {
		t.Errorf("numbers: %q", l.Fields["lead_cap"])
	}
	for msg, want := range map[string]string{
		"is 24 bytes; WeChat allows 16 (a Chinese character is 3)": "长 24 字节；微信最多允许 16 字节（一个汉字占 3 字节）",
		"is 300 bytes; WeChat allows 256":                          "长 300 字节；微信最多允许 256 字节",
		"has 4 buttons; WeChat allows 3":                           "有 4 个按钮；微信最多允许 3 个",
	} {
		if got := refusalText("zh-CN", invalid("name", msg)); got != "部分内容填写有误。 名称："+want {
			t.Errorf("%q: %q", msg, got)
		}
	}
	if l := localize("zh-CN", invalid("x", "nothing known")); l.Fields["x"] != "填写有误" || l.Labels["x"] != "x" {
		t.Errorf("unknown field problem: %+v", l)
	}
	for _, code := range errorCodes {
		for _, lang := range []string{"en", "zh-CN"} {
			if k := "code." + code; translate(lang, k) == k {
				t.Errorf("%s has no sentence in %s", k, lang)
			}
			if k := "error.title." + code; translate(lang, k) == k {
				t.Errorf("%s has no heading in %s", k, lang)
			}
		}
	}
}
