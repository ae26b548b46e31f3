package wechat

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPush: any body that decrypted (or came in plain mode) parses or is
// refused, and a parsed push is always sorted, described and keyed
// without a panic; its follower name never shows more of the openid than
// its tail.
func FuzzPush(f *testing.F) {
	for _, s := range []string{
		`<xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>`,
		`<xml><FromUserName>o1</FromUserName><MsgType>event</MsgType><Event>scancode_waitmsg</Event><ScanCodeInfo><ScanResult>x</ScanResult></ScanCodeInfo></xml>`,
		`<xml><FromUserName>o1</FromUserName><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>7</MsgID><TotalCount>3</TotalCount></xml>`,
		`<xml><FromUserName>用户</FromUserName><MsgType>event</MsgType><Event>pic_weixin</Event></xml>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parsePush(b)
		if err != nil {
			return
		}
		if p.kind() == pushWrites && p.automated() {
			t.Errorf("a write marked automated: %+v", p)
		}
		_, _ = p.text(), p.externalID()
		name := followerName(p.FromUserName)
		tail := strings.TrimPrefix(name, "微信用户 · ")
		if !strings.HasPrefix(name, "微信用户 · ") || utf8.RuneCountInString(tail) > 6 || !strings.HasSuffix(p.FromUserName, tail) {
			t.Errorf("follower name %q for %q", name, p.FromUserName)
		}
	})
}
