package web

import (
	"net/http"
	"net/url"
)

// generativeSections are the generative endpoint's inputs; the key is a
// secret input: never filled, left empty it keeps the stored key.
func generativeSections() []section {
	return []section{{"", "bot.generative.help", []field{{Name: "enabled", Label: "bot_gen_enabled", Type: "bool"},
		{Name: "base_url", Label: "bot_gen_base_url", Type: "url"}, {Name: "model", Label: "bot_gen_model"},
		{Name: "api_key", Label: "bot_gen_api_key", Type: "secret"},
		{Name: "timeout_ms", Label: "bot_gen_timeout", Type: "int"}, {Name: "daily_cap", Label: "bot_gen_daily_cap", Type: "int"},
		{Name: "min_score", Label: "bot_gen_min_score", Type: "number"}}}}
}

func (s *Server) generativeKind() *settingsKind {
	return &settingsKind{path: "bot/generative", one: "bot_generative", sections: generativeSections()}
}

func (s *Server) getGenerativePage(w http.ResponseWriter, r *http.Request) {
	s.generativePage(w, r, nil, nil)
}

func (s *Server) generativePage(w http.ResponseWriter, r *http.Request, vals url.Values, problems map[string]string) {
	k := s.generativeKind()
	d := s.settingsData(w, r, k, true)
	d.Heading, d.Action = d.T("bot.generative.title"), "/bot/generative"
	var err error
	if vals == nil {
		var g any
		if g, err = s.getGenerative(r); err == nil {
			vals, err = recordValues(g, k.fields())
		}
	}
	if err == nil {
		err = s.fillSettings(r, k, d, vals, problems, false)
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

// postGenerativePage saves through the API's PUT.
func (s *Server) postGenerativePage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	body, err := s.generativeKind().jsonBody(r.PostForm, false)
	if err == nil {
		_, err = s.putGenerative(withJSON(r, body))
	}
	if problems, ok := formProblems(err); ok {
		s.generativePage(w, r, r.PostForm, problems)
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/bot/generative?saved=1", http.StatusSeeOther)
}
