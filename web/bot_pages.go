package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// faqKind is the FAQ editor: its form becomes the body of POST/PUT
// /api/v1/bot/faqs, so the API's rules apply as they are.
func (s *Server) faqKind() *settingsKind {
	k := &settingsKind{
		path: "bot/faqs", one: "faq",
		sections: []section{{"", "faq.help", []field{{Name: "question", Need: true},
			{Name: "alternatives", Type: "lines"}, {Name: "answer", Type: "textarea", Need: true},
			{Name: "answer_en", Type: "textarea"}, {Name: "enabled", Label: "bot_enabled", Type: "bool"}}}},
		create:  savedBy(s.createFAQPage, func(f *crm.FAQ) int64 { return f.ID }),
		update:  savedBy(s.updateFAQ, func(f *crm.FAQ) int64 { return f.ID }),
		remove:  func(r *http.Request) error { _, err := s.deleteFAQ(r); return err },
		prefill: s.faqFromUnanswered, extra: faqFormFrom,
		newParams: []param{{"unanswered", "integer", "an unanswered question to write the entry from (its text is the question)"}},
	}
	k.fresh = func() (url.Values, error) {
		return recordValues(&crm.FAQ{Enabled: true, Alternatives: []string{}}, k.fields())
	}
	k.load = func(r *http.Request) (url.Values, string, error) {
		b, id, err := s.botAndID(r)
		if err != nil {
			return nil, "", err
		}
		f, err := b.FAQ(r.Context(), id)
		if err != nil {
			return nil, "", err
		}
		vals, err := recordValues(f, k.fields())
		return vals, f.Question, err
	}
	return k
}

// ruleKind is the editor of welcome, keyword and menu-click rules.
func (s *Server) ruleKind() *settingsKind {
	k := &settingsKind{
		path: "bot/rules", one: "rule",
		sections: []section{
			{"", "rule.help", []field{{Name: "channel", Label: "rule_channel", Type: "select", Options: []string{crm.ChannelWeChat, crm.ChannelEmail}, Need: true},
				{Name: "account", Label: "rule_account", Need: true},
				{Name: "kind", Label: "rule_kind", Type: "select", Options: []string{crm.RuleKeyword, crm.RuleWelcome, crm.RuleClick}, Need: true},
				{Name: "name", Label: "rule_name"},
				{Name: "match", Type: "select", Options: []string{crm.MatchContains, crm.MatchExact, crm.MatchRegex}},
				{Name: "keywords", Type: "lines"}, {Name: "reply", Type: "textarea"}, {Name: "reply_en", Type: "textarea"},
				{Name: "link_title"}, {Name: "link_url", Type: "url"}, {Name: "image_id", Label: "bot_image_id", Type: "int"},
				{Name: "priority", Type: "int"},
				{Name: "enabled", Label: "bot_enabled", Type: "bool"}}},
		},
		create: savedBy(s.createBotRule, func(r *crm.BotRule) int64 { return r.ID }),
		update: savedBy(s.updateBotRule, func(r *crm.BotRule) int64 { return r.ID }),
		remove: func(r *http.Request) error { _, err := s.deleteBotRule(r); return err },
	}
	k.fresh = func() (url.Values, error) {
		return recordValues(&crm.BotRule{Channel: crm.ChannelWeChat, Kind: crm.RuleKeyword, Match: crm.MatchContains,
			Enabled: true, Keywords: []string{}}, k.fields())
	}
	k.load = func(r *http.Request) (url.Values, string, error) {
		b, id, err := s.botAndID(r)
		if err != nil {
			return nil, "", err
		}
		rule, err := b.BotRule(r.Context(), id)
		if err != nil {
			return nil, "", err
		}
		vals, err := recordValues(rule, k.fields())
		return vals, firstOf(rule.Name, strings.Join(rule.Keywords, ", ")), err
	}
	return k
}

// botPage is what pages/bot.html sees: the FAQ and the rules.
type botPage struct {
	pageData
	Notice   string
	FAQs     []*crm.FAQ
	Rules    []*crm.BotRule
	Accounts []botAccount
	Report   []botReportRow
}

func (s *Server) getBotPage(w http.ResponseWriter, r *http.Request) {
	d := botPage{pageData: s.pageData(w, r, "bot.title")}
	if r.URL.Query().Get("deleted") != "" {
		d.Notice = "bot.deleted"
	}
	b, err := s.bot()
	if err == nil {
		d.FAQs, err = b.FAQs(r.Context())
	}
	if err == nil {
		d.Rules, err = b.BotRules(r.Context(), "", "")
	}
	if err == nil {
		d.Accounts, err = s.botAccounts(r.Context())
	}
	if err == nil {
		d.Report, err = s.botReport(r.Context(), b, d.Accounts)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "bot", d)
}
