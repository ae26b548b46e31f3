package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// botRoutes are the bot's admin API: settings and rules per WeChat account
// or mailbox, the shared FAQ (with CSV import and export), a pause per
// conversation, its decisions and its daily counts.
func (s *Server) botRoutes() []route {
	scopeParams := []param{{"channel", "string", "wechat or email"}, {"account", "string", "the WeChat appid or mailbox id"}}
	accountParam := []param{{"account", "string", "the WeChat appid"}}
	dayParams := []param{{"from", "string", "first day, YYYY-MM-DD (default: 30 days ago)"},
		{"to", "string", "last day, YYYY-MM-DD (default: today)"}}
	pages := []route{
		rawRoute(get, "/bot", "The bot's page: FAQ entries and rules (admin)", html, s.getBotPage).page().admin().query(recLangParam),
		rawRoute(get, "/bot/faqs", "The bot's page (FAQ entries)", html, s.getBotPage).page().admin().query(recLangParam),
		rawRoute(get, "/bot/rules", "The bot's page (rules)", html, s.getBotPage).page().admin().query(recLangParam),
	}
	pages = append(pages, s.settingsRoutes(s.faqKind(), "an FAQ entry")...)
	pages = append(pages, s.settingsRoutes(s.ruleKind(), "a bot rule")...)
	pages = append(pages, s.botSettingsRoutes()...)
	pages = append(pages, s.unansweredRoutes()...)
	return append(pages, []route{
		apiRoute(get, "/api/v1/bot/settings", "The bot's settings of one account (off when never saved)",
			s.getBotSettings).query(scopeParams).admin(),
		apiRoute(put, "/api/v1/bot/settings", "Save the bot's settings of one account (admin)",
			s.putBotSettings).in(crm.BotSettings{}).admin(),
		apiRoute(get, "/api/v1/bot/rules", "List bot rules (of one account with channel and account)",
			s.listBotRules).query(scopeParams).admin(),
		apiRoute(post, "/api/v1/bot/rules", "Create a welcome, keyword or menu-click rule (admin)",
			s.createBotRule).in(crm.BotRule{}).created().admin(),
		apiRoute(put, "/api/v1/bot/rules/{id}", "Replace a bot rule (admin)", s.updateBotRule).in(crm.BotRule{}).admin(),
		apiRoute(http.MethodDelete, "/api/v1/bot/rules/{id}", "Delete a bot rule (admin)", s.deleteBotRule).admin(),
		apiRoute(get, "/api/v1/bot/faqs", "List the FAQ entries", s.listFAQs).admin(),
		apiRoute(post, "/api/v1/bot/faqs", "Create an FAQ entry: question, alternatives, answer, answer_en; unanswered_id: written from that unanswered question (admin)",
			s.createFAQ).in(faqBody{}).created().admin(),
		apiRoute(put, "/api/v1/bot/faqs/{id}", "Replace an FAQ entry (admin)", s.updateFAQ).in(faqBody{}).admin(),
		apiRoute(http.MethodDelete, "/api/v1/bot/faqs/{id}", "Delete an FAQ entry (admin)", s.deleteFAQ).admin(),
		rawRoute(post, "/api/v1/bot/faqs/import",
			"Import FAQ entries from CSV (question, alternatives separated by |, answer, answer_en); all rows or none (admin)",
			jsonT, s.importFAQs).admin(),
		rawRoute(get, "/api/v1/bot/faqs/export", "Export the FAQ as CSV (admin)", "text/csv", s.exportFAQs).admin(),
		apiRoute(put, "/api/v1/conversations/{id}/bot", "Pause or resume the bot in a conversation",
			s.putBotPause).in(botPauseBody{}),
		apiRoute(get, "/api/v1/conversations/{id}/bot", "The bot's decisions in a conversation, with their reasons",
			s.getBotDecisions),
		apiRoute(post, "/api/v1/bot/menu/publish",
			"Publish the account's menu as saved in its settings to WeChat (menu/create); WeChat's refusal shows its message (admin)",
			s.publishMenu).query(accountParam).admin(),
		apiRoute(get, "/api/v1/bot/menu/live", "The account's live menu as WeChat has it (menu/get)",
			s.liveMenu).query(accountParam).admin(),
		apiRoute(get, "/api/v1/bot/counts", "Per account and day: bot answers, hand-offs, share resolved without a person",
			s.botCounts).query(dayParams).admin(),
	}...)
}
