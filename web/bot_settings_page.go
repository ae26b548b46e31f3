package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// botSettingsSections are the account settings' inputs; hours are one line
// per opening ("1 09:00-18:00", 0 = Sunday), turned into the API's list.
func botSettingsSections() []section {
	return []section{
		{"bot.settings.answers", "bot.settings.help", []field{{Name: "enabled", Label: "bot_enabled", Type: "bool"},
			{Name: "faq", Label: "bot_faq", Type: "bool"}, {Name: "generative", Label: "bot_generative", Type: "bool"},
			{Name: "threshold", Label: "bot_threshold", Type: "number"}, {Name: "margin", Label: "bot_margin", Type: "number"}}},
		{"bot.settings.handoff", "", []field{{Name: "handoff_phrases", Label: "bot_handoff_phrases", Type: "lines"},
			{Name: "handoff_text", Label: "bot_handoff_text", Type: "textarea"},
			{Name: "handoff_team_id", Label: "bot_handoff_team", Type: "int"},
			{Name: "rep_silence_minutes", Label: "bot_rep_silence", Type: "int"}}},
		{"bot.settings.hours", "bot.settings.hours_help", []field{{Name: "time_zone", Label: "bot_time_zone"},
			{Name: "hours", Label: "bot_hours", Type: "lines"}, {Name: "holidays", Label: "bot_holidays", Type: "lines"},
			{Name: "away_text", Label: "bot_away_text", Type: "textarea"},
			{Name: "away_every_hours", Label: "bot_away_every", Type: "int"}}},
		{"bot.settings.mail", "", []field{{Name: "acknowledge", Label: "bot_acknowledge", Type: "bool"},
			{Name: "ack_text", Label: "bot_ack_text", Type: "textarea"}}},
	}
}

// botScope reads the account a settings page is about.
func botScope(r *http.Request) (channel, account string, err error) {
	q := r.URL.Query()
	channel, account = q.Get("channel"), q.Get("account")
	if (channel != crm.ChannelWeChat && channel != crm.ChannelEmail) || account == "" {
		return "", "", invalid("account", "name the channel (wechat or email) and the account")
	}
	return channel, account, nil
}

func (s *Server) botSettingsKind() *settingsKind {
	k := &settingsKind{path: "bot/settings", one: "bot_settings", sections: botSettingsSections()}
	k.body = func(form url.Values, _ bool) ([]byte, error) {
		body, err := formMap(k.fields(), form, true)
		if err != nil {
			return nil, err
		}
		hours, err := parseHours(body["hours"])
		if err != nil {
			return nil, err
		}
		body["hours"] = hours
		return json.Marshal(body)
	}
	k.extra = s.botTeamChoice
	return k
}

// botTeamChoice turns the hand-off team's id into a choice of the teams
// by name. A team id that names no team (deleted since) stays selected as
// its number, so that saving the page does not clear it unseen.
func (s *Server) botTeamChoice(r *http.Request, d *settingsPage, _ url.Values, _ map[string]string) error {
	teams, err := s.store.ListTeams(r.Context())
	if err != nil {
		return err
	}
	for i := range d.Sections {
		for j := range d.Sections[i].Fields {
			fv := &d.Sections[i].Fields[j]
			if fv.Name != "handoff_team_id" {
				continue
			}
			if fv.Value == "0" {
				fv.Value = ""
			}
			fv.Type, fv.Options = "choice", choices(d.T("bot.settings.no_team"), fv.Value, teams,
				func(t *crm.Team) (int64, string) { return t.ID, t.Name })
			if !slices.ContainsFunc(fv.Options, func(o selectOption) bool { return o.Selected }) {
				fv.Options = append(fv.Options, selectOption{Value: fv.Value, Label: "#" + fv.Value, Selected: true})
			}
		}
	}
	return nil
}

// parseHours reads "1 09:00-18:00" lines.
func parseHours(v any) ([]crm.WeekHours, error) {
	lines, _ := v.([]string)
	out := []crm.WeekHours{}
	for i, l := range lines {
		var h crm.WeekHours
		from, to, ok := strings.Cut(strings.TrimSpace(l), "-")
		if n, err := fmt.Sscanf(from, "%d %s", &h.Day, &h.From); !ok || err != nil || n != 2 {
			return nil, invalid("hours", fmt.Sprintf("line %d: write a day (0 = Sunday) and hours, as 1 09:00-18:00", i+1))
		}
		h.To = strings.TrimSpace(to)
		out = append(out, h)
	}
	return out, nil
}

func hoursLines(hs []crm.WeekHours) []string {
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%d %s-%s", h.Day, h.From, h.To))
	}
	return out
}

// getBotSettingsPage shows one account's settings.
func (s *Server) getBotSettingsPage(w http.ResponseWriter, r *http.Request) {
	s.botSettingsPage(w, r, nil, nil)
}

func (s *Server) botSettingsPage(w http.ResponseWriter, r *http.Request, vals url.Values, problems map[string]string) {
	k := s.botSettingsKind()
	ch, acc, err := botScope(r)
	d := s.settingsData(w, r, k, true)
	d.Heading = d.T("bot.settings.title") + " · " + acc
	d.Action = "/bot/settings?" + url.Values{"channel": {ch}, "account": {acc}}.Encode()
	if err == nil && vals == nil {
		var st *crm.BotSettings
		if st, err = s.getBotSettings(r); err == nil {
			vals, err = recordValues(st, k.fields())
			vals["hours"] = hoursLines(st.Hours)
		}
	}
	if err == nil {
		err = s.fillSettings(r, k, d, vals, problems, true)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	status := http.StatusOK
	if problems != nil {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "bot_settings", d)
}

// postBotSettingsPage saves the form through the API's PUT; the menu is
// kept (it has its own page).
func (s *Server) postBotSettingsPage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	ch, acc, err := botScope(r)
	if err == nil {
		err = r.ParseForm()
	}
	var old *crm.BotSettings
	if err == nil {
		old, err = s.getBotSettings(r)
	}
	var body []byte
	if err == nil {
		body, err = s.botSettingsKind().jsonBody(r.PostForm, true)
	}
	if err == nil {
		st := &crm.BotSettings{}
		if err = json.Unmarshal(body, st); err == nil {
			st.Channel, st.Account, st.Menu = ch, acc, old.Menu
			var b crm.BotStore
			if b, err = s.bot(); err == nil {
				err = b.SaveBotSettings(r.Context(), st)
			}
		}
	}
	if problems, ok := formProblems(err); ok {
		s.botSettingsPage(w, r, r.PostForm, problems)
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/bot/settings?"+url.Values{"channel": {ch}, "account": {acc}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
}
