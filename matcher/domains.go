package matcher

import "strings"

// defaultFreeMail are public mail services, Chinese and international.
var defaultFreeMail = []string{
	"qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "188.com", "netease.com",
	"sina.com", "sina.cn", "sina.com.cn", "sohu.com", "139.com", "189.cn", "wo.cn",
	"aliyun.com", "tom.com", "21cn.com",
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
	"yahoo.com", "yahoo.com.cn", "yahoo.co.jp", "ymail.com", "icloud.com", "me.com", "mac.com",
	"protonmail.com", "proton.me", "aol.com", "gmx.com", "gmx.de", "mail.com", "zoho.com",
	"yandex.ru", "yandex.com", "mail.ru", "hotmail.co.uk", "outlook.jp", "live.cn", "hotmail.com.tw",
}

// DefaultFreeMailDomains returns a fresh copy of the default free-mail list.
func DefaultFreeMailDomains() []string {
	return append([]string(nil), defaultFreeMail...)
}

// inSet reports whether domain or one of its parent domains is in set:
// "vip.qq.com" is in a set holding "qq.com".
func inSet(set map[string]bool, domain string) bool {
	for d := domain; d != ""; {
		if set[d] {
			return true
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			return false
		}
		d = d[i+1:]
	}
	return false
}

// isFreeMail reports whether domain is a public mail service.
func (m *Matcher) isFreeMail(domain string) bool { return inSet(m.free, domain) }

// isOwn reports whether domain is one of ours.
func (m *Matcher) isOwn(domain string) bool { return inSet(m.own, domain) }

// corporateDomain returns the domain of a normalized address when it can
// name a customer: not free mail, not ours. "" otherwise.
func (m *Matcher) corporateDomain(email string) string {
	i := strings.LastIndexByte(email, '@')
	if i < 0 {
		return ""
	}
	d := email[i+1:]
	if d == "" || m.isFreeMail(d) || m.isOwn(d) {
		return ""
	}
	return d
}
