package wechat

import (
	"crypto/subtle"
	"encoding/xml"
	"errors"
	"net/url"

	"github.com/silenceper/wechat/v2/util"

	"github.com/rapport-crm/rapport/crm"
)

// errForged is a push whose signature does not match: refused with 403.
var errForged = errors.New("wechat: bad or missing signature")

// checkSignature checks WeChat's sha1(sort(token, timestamp, nonce)), sent
// on every callback (the URL check and every push).
func checkSignature(token string, q url.Values) error {
	return sameSig(q.Get("signature"), util.Signature(token, q.Get("timestamp"), q.Get("nonce")))
}

func sameSig(got, want string) error {
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errForged
	}
	return nil
}

// envelope is the outer XML of an encrypted push.
type envelope struct {
	ToUserName string `xml:"ToUserName"`
	Encrypt    string `xml:"Encrypt"`
}

// openPush checks a push's signature and returns its plain XML. In safe
// and compatible mode an encrypted push (encrypt_type=aes) carries
// msg_signature over the ciphertext too, and the AppID inside the
// plaintext must be the account's.
func openPush(a *crm.WeChatAccount, q url.Values, body []byte) ([]byte, error) {
	if q.Get("encrypt_type") != "aes" {
		if a.Mode == crm.WeChatSafe {
			return nil, errForged // safe mode takes no plain pushes
		}
		return body, checkSignature(a.Token, q)
	}
	if a.Mode == crm.WeChatPlain {
		return nil, errForged
	}
	var env envelope
	if err := xml.Unmarshal(body, &env); err != nil || env.Encrypt == "" {
		return nil, errBadPush
	}
	want := util.Signature(a.Token, q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
	if err := sameSig(q.Get("msg_signature"), want); err != nil {
		return nil, err
	}
	if q.Get("signature") != "" {
		if err := checkSignature(a.Token, q); err != nil {
			return nil, err
		}
	}
	_, plain, err := util.DecryptMsg(a.AppID, env.Encrypt, a.EncodingAESKey)
	if err != nil {
		return nil, errBadCrypt
	}
	return plain, nil
}

var (
	errBadPush  = errors.New("wechat: the push is not WeChat XML")
	errBadCrypt = errors.New("wechat: the push does not decrypt with this account's key and AppID")
)
