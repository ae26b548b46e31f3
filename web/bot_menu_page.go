package web

import (
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// botMenuPage is what pages/bot_menu.html sees: the account's menu as
// saved, its problems by line, and the live menu read back from WeChat.
type botMenuPage struct {
	pageData
	Account, Text string
	Notice        string   // a message key
	Problems      []string // the menu's problems, by line
	Failed        string   // WeChat's own message when publishing or reading failed
	Live          string   // the live menu, as text; "" when not read
	LiveRead      bool
}

func (s *Server) menuPage(w http.ResponseWriter, r *http.Request) *botMenuPage {
	d := &botMenuPage{pageData: s.pageData(w, r, "bot.menu.title"), Account: r.URL.Query().Get("account")}
	switch {
	case r.URL.Query().Get("saved") != "":
		d.Notice = "settings.saved"
	case r.URL.Query().Get("published") != "":
		d.Notice = "bot.menu.published"
	}
	return d
}

// getBotMenuPage shows the saved menu; with ?live=1 (and after a
// publish) also the live one, read back with menu/get.
func (s *Server) getBotMenuPage(w http.ResponseWriter, r *http.Request) {
	d := s.menuPage(w, r)
	if d.Account == "" {
		s.writeError(w, r, invalid("account", "is required"))
		return
	}
	st, err := s.getBotSettingsOf(r, d.Account)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Text = menuText(st.Menu)
	if r.URL.Query().Get("live") != "" || r.URL.Query().Get("published") != "" {
		s.readLive(r, d)
	}
	s.render(w, r, http.StatusOK, "bot_menu", d)
}

func (s *Server) readLive(r *http.Request, d *botMenuPage) {
	m, err := s.liveMenu(r)
	if err != nil {
		d.Failed = menuFailure(d.Lang, err)
		return
	}
	d.Live, d.LiveRead = menuText(m), true
}

func (s *Server) getBotSettingsOf(r *http.Request, account string) (*crm.BotSettings, error) {
	b, err := s.bot()
	if err != nil {
		return nil, err
	}
	return b.BotSettings(r.Context(), crm.ChannelWeChat, account)
}

// postBotMenuPage saves the edited menu in the account's settings,
// checked against WeChat's limits; nothing is saved while a line is wrong.
func (s *Server) postBotMenuPage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	d := s.menuPage(w, r)
	d.Notice = ""
	if err := r.ParseForm(); err != nil || d.Account == "" {
		s.writeError(w, r, invalid("menu", "the form could not be read"))
		return
	}
	d.Text = r.PostForm.Get("menu")
	m, lines, err := parseMenu(d.Text)
	var st *crm.BotSettings
	if err == nil {
		st, err = s.getBotSettingsOf(r, d.Account)
	}
	if err == nil {
		st.Menu = m
		var b crm.BotStore
		if b, err = s.bot(); err == nil {
			err = b.SaveBotSettings(r.Context(), st)
		}
	}
	if fields := crm.ErrorFields(err); len(fields) > 0 {
		d.Problems = menuProblems(d.Lang, fields, lines)
		s.render(w, r, http.StatusBadRequest, "bot_menu", d)
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/bot/menu?"+url.Values{"account": {d.Account}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
}

// postBotMenuPublish sends the saved menu to WeChat; WeChat's refusal is
// shown with its own message.
func (s *Server) postBotMenuPublish(w http.ResponseWriter, r *http.Request) {
	d := s.menuPage(w, r)
	if _, err := s.publishMenu(r); err != nil {
		if st, err2 := s.getBotSettingsOf(r, d.Account); err2 == nil {
			d.Text = menuText(st.Menu)
		}
		d.Failed = menuFailure(d.Lang, err)
		s.render(w, r, http.StatusBadGateway, "bot_menu", d)
		return
	}
	http.Redirect(w, r, "/bot/menu?"+url.Values{"account": {d.Account}, "published": {"1"}}.Encode(), http.StatusSeeOther)
}

// menuFailure is WeChat's refusal in the page's language: a sentence the
// catalogs know, else its code's sentence with WeChat's own words after
// it, which name what to fix (an errcode, a button).
func menuFailure(lang string, err error) string {
	msg := crm.ErrorMessage(err)
	if tr, ok := problemIn(lang, msg); ok || lang == "en" {
		return tr
	}
	return refusalText(lang, err) + " (" + msg + ")"
}
