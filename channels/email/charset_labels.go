package email

import (
	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// utf8Labels are the names mailers give UTF-8. US-ASCII is among them:
// 8-bit bytes in a part labelled ASCII are UTF-8 (or GB, which the UTF-8
// reading detects) far more often than anything else.
var utf8Labels = map[string]bool{
	"utf-8": true, "utf8": true, "x-utf_8j": true, "unicode-1-1-utf-8": true, "x-unicode20utf8": true,
	"us-ascii": true, "ascii": true, "ansi_x3.4-1968": true, "iso646-us": true, "csascii": true,
}

// aliases maps the charset labels real mailers write, which the IANA and
// WHATWG tables miss or map narrowly, to a decoder. Everything GB (GB2312,
// GBK, CP936, the Mac's simplified Chinese) is read as GB18030, their
// superset: mail labelled gb2312 often holds GBK characters. Big5 is
// WHATWG's, which includes HKSCS.
var aliases = func() map[string]encoding.Encoding {
	m := map[string]encoding.Encoding{}
	add := func(enc encoding.Encoding, labels ...string) {
		for _, l := range labels {
			m[l] = enc
		}
	}
	add(simplifiedchinese.GB18030, "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
		"x-euc-cn", "csgb2312", "eucgb2312_cn", "gb_2312-80", "gb_2312", "gb2312-80", "gb2312-1980",
		"chinese", "csiso58gb231280", "iso-ir-58", "x-mac-chinesesimp", "x-mac-simp-chinese", "cn-gb",
		"gb", "x-cp936", "gb18030", "gb-18030", "gb_18030", "gb18030-2000", "gb18030-2005",
		"gb18030-2022", "x-gb18030", "936")
	add(simplifiedchinese.HZGB2312, "hz-gb-2312", "hz", "hz-gb2312")
	add(traditionalchinese.Big5, "big5", "big-5", "big5-hkscs", "big5hkscs", "x-big5", "cn-big5",
		"csbig5", "x-x-big5", "cp950", "ms950", "windows-950", "x-windows-950", "x-mac-chinesetrad",
		"x-mac-trad-chinese", "big5-2003", "950")
	add(korean.EUCKR, "ks_c_5601-1987", "ks_c_5601-1989", "ks_c_5601", "ksc5601", "ksc_5601",
		"cp949", "ms949", "windows-949", "uhc", "euc-kr", "x-euc-kr", "korean", "csksc56011987",
		"iso-ir-149", "x-mac-korean", "949")
	add(japanese.ShiftJIS, "shift_jis", "shift-jis", "x-sjis", "sjis", "ms_kanji", "cp932", "ms932",
		"windows-31j", "x-ms-cp932", "csshiftjis", "x-mac-japanese", "932")
	add(japanese.EUCJP, "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese", "eucjp")
	add(japanese.ISO2022JP, "iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "iso-2022-jp-1", "jis")
	add(eucTWEncoding, "x-euc-tw", "euc-tw", "euctw", "cns11643", "x-cns11643")
	add(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "utf-16", "utf-16be", "unicode")
	add(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16le")
	return m
}()

// standardEncoding looks a label up in the IANA table (also with the "cs"
// prefix some mailers add) and then the WHATWG one.
func standardEncoding(name string) encoding.Encoding {
	for _, n := range []string{name, "cs" + name} {
		if enc, err := ianaindex.MIME.Encoding(n); err == nil && enc != nil {
			return enc
		}
	}
	if enc, err := htmlindex.Get(name); err == nil && enc != nil {
		return enc
	}
	return nil
}

// go-message decodes address display names itself: it learns the aliases
// too.
func init() {
	for label, enc := range aliases {
		charset.RegisterEncoding(label, enc)
	}
}
