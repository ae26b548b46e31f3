package web

import "net/http"

// wechatRoutes are the routes of WeChat official accounts: the callback and the accounts' admin API.
func (s *Server) wechatRoutes() []route {
	cb := []param{{"signature", "string", "sha1 of token, timestamp and nonce"},
		{"timestamp", "string", "WeChat's timestamp"}, {"nonce", "string", "WeChat's nonce"},
		{"echostr", "string", "echoed back when the signature is right (URL check)"},
		{"openid", "string", "the sender's openid"}, {"encrypt_type", "string", "aes in safe mode"},
		{"msg_signature", "string", "sha1 over the encrypted body (safe mode)"}}
	return []route{
		rawRoute(get, "/wechat/{account}", "WeChat's server URL check (echostr) for an official account",
			"text/plain", s.wechatCallback).open().query(cb).fails(http.StatusForbidden, http.StatusNotFound),
		rawRoute(post, "/wechat/{account}", "WeChat pushes a message or event of an official account (XML)",
			"text/plain", s.wechatCallback).open().query(cb).fails(http.StatusForbidden, http.StatusNotFound),
		apiRoute(get, "/api/v1/wechat/accounts", "List WeChat official accounts (admin; secrets never shown)",
			s.listWeChatAccounts).admin(),
		apiRoute(post, "/api/v1/wechat/accounts", "Add a WeChat official account (admin)",
			s.createWeChatAccount).in(wechatAccountBody{}).created().admin(),
		apiRoute(get, "/api/v1/wechat/accounts/{app_id}", "Get a WeChat official account (admin)",
			s.getWeChatAccount).admin(),
		apiRoute(patch, "/api/v1/wechat/accounts/{app_id}",
			"Change a WeChat official account (admin); omitted secrets are kept", s.updateWeChatAccount).
			in(wechatAccountBody{}).admin(),
		apiRoute(get, "/api/v1/wechat/media", "WeChat media downloads by state, oldest first (admin)",
			s.listWeChatMedia).admin().query([]param{{"state", "string", "pending, done or failed (default failed)"}}),
	}
}
