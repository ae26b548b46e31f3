package email

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(s string) string {
	b, _ := simplifiedchinese.GBK.NewEncoder().String(s)
	return b
}

func TestDecodeCharset(t *testing.T) {
	zh := "您好，我们想订购二百台设备，请尽快报价。"
	long := strings.Repeat(zh, 5000)
	tests := []struct {
		name, label, in, want string
	}{
		{"valid UTF-8", "utf-8", zh, zh},
		{"declared UTF-8, one bad byte kept as UTF-8", "UTF-8", zh[:9] + "\xff" + zh[9:], zh[:9] + "\uFFFD" + zh[9:]},
		{"declared UTF-8, a long body cut mid-character", "utf-8", long + zh[:4], long + zh[:3]},
		{"declared UTF-8 holding GBK bytes", "utf-8", gbk(zh), zh},
		{"no label, GBK bytes", "", gbk(zh), zh},
		{"no label, UTF-8 with a bad byte", "", zh + "\xfe", zh + "\uFFFD"},
		{"us-ascii holding UTF-8", "us-ascii", zh, zh},
		{"gb2312 label holding UTF-8", "gb2312", zh, zh},
		{"eucgb2312_cn", "eucgb2312_cn", gbk(zh), zh},
		{"x-gbk quoted", `"X-GBK"`, gbk(zh), zh},
		{"cp936", "cp936", gbk(zh), zh},
		{"ms936", "ms936", gbk(zh), zh},
		{"gb_2312-80", "gb_2312-80", gbk(zh), zh},
		{"x-mac-chinesesimp", "x-mac-chinesesimp", gbk(zh), zh},
		{"gb18030 variant", "GB18030-2005", gbk(zh), zh},
		{"RFC 2231 language suffix", "utf-8*zh-cn", zh, zh},
		{"unknown label, UTF-8", "x-no-such", zh, zh},
		{"unknown label, GBK", "x-no-such", gbk(zh), zh},
		{"latin-1", "iso-8859-1", "caf\xe9", "café"},
		{"x-euc-tw, plane 1", "x-euc-tw", "\xc4\xa1\xc4\xa2", "一乙"},
		{"x-euc-tw, plane 2 and a bad byte", "X-EUC-TW", "\x8e\xa2\xa1\xa1\xff", "乂\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeCharset(tt.label, trimCutRune([]byte(tt.in), tt.label))
			if got != tt.want {
				t.Errorf("decodeCharset(%q) = %.80q…, want %.80q…", tt.label, got, tt.want)
			}
		})
	}
}

func TestDecodeWords(t *testing.T) {
	u := "关于合同续签的通知"
	tests := []struct{ name, in, want string }{
		{"plain", "Hello", "Hello"},
		{"base64 UTF-8", "=?UTF-8?B?5L2g5aW9?=", "你好"},
		{"Q with underscores", "=?utf-8?q?a_b=E4=BD=A0?=", "a b你"},
		{"split character across words", "=?UTF-8?B?5YWz5LqO?= =?UTF-8?B?5ZCI?=", "关于合"},
		{"split mid-character", "=?utf-8?B?" + b64(u[:4]) + "?= =?utf-8?B?" + b64(u[4:]) + "?=", u},
		{"unknown charset, UTF-8 bytes", "=?x-unknown?B?" + b64("报价") + "?=", "报价"},
		{"unknown charset, GBK bytes", "=?x-unknown?B?" + b64(gbk("报价")) + "?=", "报价"},
		{"GBK label variant", "=?x-gbk?B?" + b64(gbk("报价")) + "?=", "报价"},
		{"bad base64 padding", "=?utf-8?B?5L2g5aW9==?=", "你好"},
		{"undecodable base64 shows its text", "=?utf-8?B?broken===?=", "broken==="},
		{"words without space between", "=?utf-8?B?5L2g?==?utf-8?B?5aW9?=", "你好"},
		{"text around words", "Re: =?utf-8?B?5L2g?= (2)", "Re: 你 (2)"},
		{"lone marker", "=?oops", "=?oops"},
	}
	for _, tt := range tests {
		if got := decodeWords(tt.in); got != tt.want || strings.Contains(got, "=?utf") {
			t.Errorf("%s: decodeWords(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func b64(s string) string {
	const enc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var out strings.Builder
	b := []byte(s)
	for i := 0; i < len(b); i += 3 {
		var n uint32
		k := min(3, len(b)-i)
		for j := 0; j < 3; j++ {
			n <<= 8
			if j < k {
				n |= uint32(b[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= k {
				out.WriteByte(enc[(n>>(18-6*j))&63])
			} else {
				out.WriteByte('=')
			}
		}
	}
	return out.String()
}

// FuzzDecodeWords: any header value decodes to valid UTF-8 without a
// panic.
func FuzzDecodeWords(f *testing.F) {
	for _, s := range []string{"=?UTF-8?B?5L2g5aW9?=", "=?x-gbk?Q?=C4=E3?= =?x-gbk?Q?=BA=C3?=", "=?utf-8?B?broken===?=",
		"=?big5-hkscs?B?pUA=?=", "a =?utf-8?q?_=ZZ?= b", "=?ks_c_5601-1987?B?sKGzqg==?="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := decodeWords(s); !utf8.ValidString(out) {
			t.Fatalf("decodeWords(%q) = %q: not UTF-8", s, out)
		}
	})
}

// FuzzDecodeCharset: any bytes under any label decode to valid UTF-8.
func FuzzDecodeCharset(f *testing.F) {
	for _, l := range []string{"utf-8", "", "gb2312", "eucgb2312_cn", "big5-hkscs", "ks_c_5601-1987", "x-unknown", "iso-2022-jp", "utf-16", "x-euc-tw"} {
		f.Add(l, []byte("您好\xff\xfe"+gbk("报价")))
	}
	f.Fuzz(func(t *testing.T, label string, b []byte) {
		if out := decodeCharset(label, trimCutRune(b, label)); !utf8.ValidString(out) {
			t.Fatalf("decodeCharset(%q, %q) = %q: not UTF-8", label, b, out)
		}
	})
}
