package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// wechatAccountBody is an account as the API takes it: the secrets are
// write-only (never in a response), and omitted ones are kept on update.
type wechatAccountBody struct {
	*crm.WeChatAccount
	AppSecret      *string `json:"app_secret,omitempty"`
	Token          *string `json:"token,omitempty"`
	EncodingAESKey *string `json:"encoding_aes_key,omitempty"`
}

func (b *wechatAccountBody) apply() {
	for _, f := range []struct {
		src *string
		dst *string
	}{{b.AppSecret, &b.WeChatAccount.AppSecret}, {b.Token, &b.WeChatAccount.Token},
		{b.EncodingAESKey, &b.WeChatAccount.EncodingAESKey}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
}

// wechatCallback hands WeChat's callbacks to the channel; 404 when the
// WeChat channel is not set up on this server.
func (s *Server) wechatCallback(w http.ResponseWriter, r *http.Request) {
	if s.deps.WeChatCallback == nil {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "WeChat is not set up on this server."))
		return
	}
	s.deps.WeChatCallback.ServeHTTP(w, r)
}

func (s *Server) wechatStore() (crm.WeChatStore, error) {
	if s.deps.WeChat == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "WeChat is not set up on this server.")
	}
	return s.deps.WeChat, nil
}

func (s *Server) listWeChatAccounts(r *http.Request) (crm.List[*crm.WeChatAccount], error) {
	ws, err := s.wechatStore()
	if err != nil {
		return crm.List[*crm.WeChatAccount]{}, err
	}
	as, err := ws.WeChatAccounts(r.Context())
	return crm.NewList(as, len(as), func(*crm.WeChatAccount) int64 { return 0 }), err
}

func (s *Server) getWeChatAccount(r *http.Request) (*crm.WeChatAccount, error) {
	ws, err := s.wechatStore()
	if err != nil {
		return nil, err
	}
	return ws.WeChatAccount(r.Context(), chi.URLParam(r, "app_id"))
}

func (s *Server) createWeChatAccount(r *http.Request) (*crm.WeChatAccount, error) {
	ws, err := s.wechatStore()
	if err != nil {
		return nil, err
	}
	in := wechatAccountBody{WeChatAccount: &crm.WeChatAccount{}}
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	in.apply()
	return in.WeChatAccount, ws.CreateWeChatAccount(r.Context(), in.WeChatAccount)
}

func (s *Server) updateWeChatAccount(r *http.Request) (*crm.WeChatAccount, error) {
	a, err := s.getWeChatAccount(r)
	if err != nil {
		return nil, err
	}
	in := wechatAccountBody{WeChatAccount: a}
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	if a.AppID != chi.URLParam(r, "app_id") {
		return nil, invalid("app_id", "cannot be changed")
	}
	in.apply()
	return a, s.deps.WeChat.UpdateWeChatAccount(r.Context(), a)
}

func (s *Server) listWeChatMedia(r *http.Request) ([]*crm.WeChatMedia, error) {
	ws, err := s.wechatStore()
	if err != nil {
		return nil, err
	}
	state := r.URL.Query().Get("state")
	if state == "" {
		state = crm.MediaFailed
	}
	return ws.WeChatMediaByState(r.Context(), state, 200)
}
