package web

import "github.com/rapport-crm/rapport/crm"

// botSettingsRoutes are the pages of an account's bot settings and WeChat
// menu, and the generative endpoint's settings (page and API).
func (s *Server) botSettingsRoutes() []route {
	scope := concat(recLangParam, []param{{"channel", "string", "wechat or email"},
		{"account", "string", "the WeChat appid or mailbox id"}, {"saved", "boolean", "say that the changes were saved"}})
	menu := concat(recLangParam, []param{{"account", "string", "the WeChat appid"},
		{"live", "boolean", "also read the live menu back from WeChat (menu/get)"},
		{"saved", "boolean", "say that the menu was saved"}, {"published", "boolean", "say that it was published, and read it back"}})
	return []route{
		rawRoute(get, "/bot/settings", "An account's bot settings (page; admin)", html, s.getBotSettingsPage).page().admin().query(scope),
		rawRoute(post, "/bot/settings", "Save an account's bot settings (form; admin)", html, s.postBotSettingsPage).page().admin().query(scope),
		rawRoute(get, "/bot/menu", "A WeChat account's menu editor, with the live menu read back (page; admin)", html,
			s.getBotMenuPage).page().admin().query(menu),
		rawRoute(post, "/bot/menu", "Save a WeChat account's menu, checked against WeChat's limits (form; admin)", html,
			s.postBotMenuPage).page().admin().query(menu),
		rawRoute(post, "/bot/menu/publish", "Publish the saved menu to WeChat (form; admin)", html,
			s.postBotMenuPublish).page().admin().query(menu),
		rawRoute(get, "/bot/generative", "The generative answers' endpoint settings (page; admin)", html,
			s.getGenerativePage).page().admin().query(concat(recLangParam, []param{{"saved", "boolean", "say that the changes were saved"}})),
		rawRoute(post, "/bot/generative", "Save the generative answers' endpoint settings (form; admin)", html,
			s.postGenerativePage).page().admin().query(recLangParam),
		apiRoute(post, "/api/v1/bot/images",
			"Upload an image for image replies (multipart field file, at most 10 MB); a rule names it by image_id (admin)",
			s.uploadBotImage).created().admin(),
		apiRoute(get, "/api/v1/bot/generative", "The generative answers' settings: endpoint, model, whether a key is set (admin)",
			s.getGenerative).admin(),
		apiRoute(put, "/api/v1/bot/generative",
			"Save the generative answers' settings; the key is write-only, empty keeps the stored one (admin)",
			s.putGenerative).in(crm.GenerativeSettings{}).admin(),
	}
}
