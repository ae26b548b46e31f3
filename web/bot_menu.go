package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) menus() (crm.MenuPublisher, error) {
	if s.deps.Menus == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "WeChat is not set up on this server")
	}
	return s.deps.Menus, nil
}

// publishMenu sends the menu saved in the account's bot settings to WeChat.
func (s *Server) publishMenu(r *http.Request) (*crm.Menu, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	mp, err := s.menus()
	if err != nil {
		return nil, err
	}
	acc := newQuery(r).str("account")
	st, err := b.BotSettings(r.Context(), crm.ChannelWeChat, acc)
	if err != nil {
		return nil, err
	}
	if st.Menu == nil {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Save a menu in the bot settings first.",
			Fields: map[string]string{"menu": "is empty"}}
	}
	return st.Menu, mp.PublishMenu(r.Context(), acc, st.Menu)
}

func (s *Server) liveMenu(r *http.Request) (*crm.Menu, error) {
	mp, err := s.menus()
	if err != nil {
		return nil, err
	}
	return mp.LiveMenu(r.Context(), newQuery(r).str("account"))
}
