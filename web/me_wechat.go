package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// meWeChatRoutes are a user's own WeChat binding (a one-time code sent to
// the official account, revocable) and the notices sent to them, with
// the channel each took and why; the settings page shows both.
func (s *Server) meWeChatRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/me/wechat", "Your own WeChat binding (404: none)", s.getMyWeChat),
		apiRoute(post, "/api/v1/me/wechat/code", "A one-time code (15 minutes) to send as \"绑定 CODE\" to the company's official account, or as the QR scene bind:CODE",
			s.postMyWeChatCode).created(),
		apiRoute(http.MethodDelete, "/api/v1/me/wechat", "Unbind your WeChat (audited)", s.deleteMyWeChat),
		apiRoute(get, "/api/v1/me/notices", "The notices sent to you (pool warnings), newest first, with channel and reason", s.getMyNotices),
		rawRoute(post, "/me/wechat/code", "Get a WeChat binding code (form)", html, s.postMyWeChatCodePage).page(),
		rawRoute(post, "/me/wechat/revoke", "Unbind your WeChat (form)", html, s.postMyWeChatRevokePage).page(),
	}
}

// bindCode is a binding code and until when it works.
type bindCode struct {
	Code    string    `json:"code"`
	Expires time.Time `json:"expires_at"`
}

func (s *Server) staff() (crm.UserWeChatStore, error) {
	if s.deps.Staff == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "WeChat binding is not set up on this server.")
	}
	return s.deps.Staff, nil
}

func (s *Server) getMyWeChat(r *http.Request) (*crm.WeChatLink, error) {
	st, err := s.staff()
	if err != nil {
		return nil, err
	}
	return st.UserWeChat(r.Context(), viewerOf(r).UserID)
}

func (s *Server) postMyWeChatCode(r *http.Request) (*bindCode, error) {
	st, err := s.staff()
	if err != nil {
		return nil, err
	}
	code, hash, err := crm.NewBindCode()
	if err != nil {
		return nil, err
	}
	b := &bindCode{Code: code, Expires: s.now().Add(crm.BindCodeTTL).UTC()}
	return b, st.SaveBindCode(r.Context(), viewerOf(r).UserID, hash, b.Expires)
}

func (s *Server) deleteMyWeChat(r *http.Request) (deleted, error) {
	st, err := s.staff()
	if err != nil {
		return deleted{}, err
	}
	v := viewerOf(r)
	return deleted{Deleted: true}, st.RevokeWeChat(r.Context(), v, v.UserID)
}

func (s *Server) getMyNotices(r *http.Request) ([]*crm.UserNotice, error) {
	if s.deps.Notices == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Notices are not set up on this server.")
	}
	return s.deps.Notices.ListUserNotices(r.Context(), viewerOf(r).UserID, 50)
}

// postMyWeChatCodePage shows the reminders page with a fresh code.
func (s *Server) postMyWeChatCodePage(w http.ResponseWriter, r *http.Request) {
	b, err := s.postMyWeChatCode(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.renderReminders(w, r, b)
}

func (s *Server) postMyWeChatRevokePage(w http.ResponseWriter, r *http.Request) {
	if _, err := s.deleteMyWeChat(r); err != nil && !crm.IsNotFound(err) {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/reminders", http.StatusSeeOther)
}

// meNotices is the settings part of the reminders page: the binding (or
// a code to bind with) and the recent notices.
type meNotices struct {
	WeChat  *crm.WeChatLink
	Code    *bindCode
	Notices []noticeView
	On      bool // binding is set up on this server
}

type noticeView struct {
	Title, When, State, Channel, Reason, Error string
}

func (s *Server) meNotices(r *http.Request, code *bindCode) (*meNotices, error) {
	m := &meNotices{Code: code, On: s.deps.Staff != nil}
	uid := viewerOf(r).UserID
	if s.deps.Staff != nil {
		l, err := s.deps.Staff.UserWeChat(r.Context(), uid)
		if err != nil && !crm.IsNotFound(err) {
			return nil, err
		}
		if err == nil {
			m.WeChat = l
		}
	}
	if s.deps.Notices != nil {
		ns, err := s.deps.Notices.ListUserNotices(r.Context(), uid, 10)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			v := noticeView{Title: n.Title, When: localTime(&n.CreatedAt), State: "notice.state." + n.State,
				Reason: "notice.why." + n.Reason, Error: n.Error}
			if n.Channel != "" {
				v.Channel = "notice.by." + n.Channel
			}
			m.Notices = append(m.Notices, v)
		}
	}
	return m, nil
}
