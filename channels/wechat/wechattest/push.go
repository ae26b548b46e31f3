package wechattest

import (
	"fmt"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// Account is what a push is signed and encrypted with.
type Account struct {
	AppID, Token, EncodingAESKey string
}

// PlainPush returns the query of a plain-mode push, signed as WeChat signs.
func PlainPush(a Account, timestamp, nonce string) url.Values {
	return url.Values{"signature": {util.Signature(a.Token, timestamp, nonce)},
		"timestamp": {timestamp}, "nonce": {nonce}, "openid": {"o"}}
}

// SafePush encrypts xml as WeChat does in safe mode and returns the query
// and body to POST.
func SafePush(a Account, xml, timestamp, nonce string) (url.Values, []byte, error) {
	enc, err := util.EncryptMsg([]byte("0123456789abcdef"), []byte(xml), a.AppID, a.EncodingAESKey)
	if err != nil {
		return nil, nil, err
	}
	q := PlainPush(a, timestamp, nonce)
	q.Set("encrypt_type", "aes")
	q.Set("msg_signature", util.Signature(a.Token, timestamp, nonce, string(enc)))
	body := fmt.Sprintf("<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt></xml>", enc)
	return q, []byte(body), nil
}
