package wechattest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// issueToken hands out a new token; like WeChat, it replaces the old one.
func (s *Server) issueToken(w http.ResponseWriter) {
	s.mu.Lock()
	s.tokenFetch++
	s.token = fmt.Sprintf("TOKEN-%d", s.tokenFetch)
	tok := s.token
	s.mu.Unlock()
	writeJSON(w, map[string]any{"access_token": tok, "expires_in": 7200})
}

func (s *Server) validToken(t string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return t != "" && t == s.token
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, c Call) {
	switch c.Path {
	case "/cgi-bin/message/custom/send", "/cgi-bin/message/subscribe/bizsend":
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok"})
	case "/cgi-bin/message/template/send":
		s.mu.Lock()
		s.nextMsgID++
		id := s.nextMsgID
		s.msgIDs = append(s.msgIDs, id)
		s.mu.Unlock()
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "msgid": id})
	case "/cgi-bin/menu/create":
		s.mu.Lock()
		s.menu = c.Body
		s.mu.Unlock()
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok"})
	case "/cgi-bin/menu/get":
		s.mu.Lock()
		m := s.menu
		s.mu.Unlock()
		if m == nil {
			writeJSON(w, map[string]any{"errcode": 46003, "errmsg": "menu no exist"})
			return
		}
		writeJSON(w, map[string]any{"menu": m})
	case "/cgi-bin/template/get_all_private_template":
		s.mu.Lock()
		list := append([]map[string]any{}, s.Templates...)
		s.mu.Unlock()
		writeJSON(w, map[string]any{"template_list": list})
	case "/cgi-bin/user/info":
		s.userInfo(w, r.URL.Query().Get("openid"))
	case "/cgi-bin/media/get":
		s.mediaGet(w, r.URL.Query().Get("media_id"))
	case "/cgi-bin/media/upload":
		s.mu.Lock()
		s.uploadCount++
		n := s.uploadCount
		s.mu.Unlock()
		writeJSON(w, map[string]any{"type": "image", "media_id": fmt.Sprintf("UP-%d", n), "created_at": 1})
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) userInfo(w http.ResponseWriter, openID string) {
	s.mu.Lock()
	u, ok := s.Users[openID]
	s.mu.Unlock()
	if !ok {
		u = map[string]any{"subscribe": 1, "openid": openID, "nickname": "", "unionid": ""}
	}
	writeJSON(w, u)
}

func (s *Server) mediaGet(w http.ResponseWriter, id string) {
	s.mu.Lock()
	b, ok := s.Media[id]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, map[string]any{"errcode": 40007, "errmsg": "invalid media_id"})
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Content-Disposition", `attachment; filename="`+id+`.jpg"`)
	_, _ = w.Write(b)
}
