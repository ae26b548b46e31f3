package web

import (
	"net/http"
	"net/netip"

	"github.com/rapport-crm/rapport/crm"
)

// formRoutes are the routes of web forms: capture, the hosted page and the forms' admin API.
func (s *Server) formRoutes() []route {
	// Customers' own sites post to /f/{key}: the capture handler checks
	// each form's allowed origins itself (CORS), so the server-wide refusal
	// of cross-origin posts must not stand in its way.
	s.cop.AddInsecureBypassPattern("/f/{key}")
	lang := []param{{"lang", "string", "the page's language: en or zh-CN"}}
	page := concat(lang, []param{{"ok", "boolean", "show the thank-you note"}}, utmParams)
	return append([]route{
		rawRoute(get, "/f/{key}", "The hosted form page (public)", html, s.formCapture).open().query(page),
		rawRoute(post, "/f/{key}", "Submit a web form: urlencoded, multipart or JSON (public; CORS for the form's origins)",
			jsonT, s.formCapture).open().query(lang, utmParams).
			fails(http.StatusNotFound, http.StatusRequestEntityTooLarge, http.StatusTooManyRequests),
		rawRoute(http.MethodOptions, "/f/{key}", "CORS preflight of a form's submission (public)", "",
			s.formCapture).open().fails(http.StatusNotFound),

		apiRoute(get, "/api/v1/forms", "List web forms (admin)", s.listForms).admin(),
		apiRoute(post, "/api/v1/forms", "Create a web form; its public key is made for it (admin)",
			s.createForm).in(crm.Form{}).created().admin(),
		apiRoute(get, "/api/v1/forms/{id}", "Get a web form (admin)", s.getForm).admin(),
		apiRoute(patch, "/api/v1/forms/{id}", "Update a web form; the key stays (admin)", s.updateForm).
			in(crm.Form{}).admin(),
		apiRoute(http.MethodDelete, "/api/v1/forms/{id}", "Delete a web form; its leads stay (admin)",
			s.deleteForm).admin(),
		rawRoute(get, "/api/v1/forms/{id}/snippet", "The HTML to paste into a site for a form (admin)",
			"text/plain", s.getFormSnippet).admin(),
		rawRoute(get, "/forms", "Web forms, their links and snippets (admin)", html, s.getFormsPage).page().admin().
			query(lang, []param{{"deleted", "boolean", "say that a form was deleted"}}),
	}, s.settingsRoutes(s.formKind(), "a web form")...)
}

var utmParams = []param{
	{"utm_source", "string", "kept as the lead's source"}, {"utm_medium", "string", "kept as the lead's source"},
	{"utm_campaign", "string", "kept as the lead's source"}, {"utm_term", "string", "kept as the lead's source"},
	{"utm_content", "string", "kept as the lead's source"},
}

// formCapture hands /f/{key} to the web-form channel.
func (s *Server) formCapture(w http.ResponseWriter, r *http.Request) {
	if s.deps.FormCapture == nil {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "No such form."))
		return
	}
	s.deps.FormCapture.ServeHTTP(w, r)
}

// ClientAddressFunc returns the server's rule for a request's client
// address (see clientAddress) for a channel to use: the form channel's rate
// limits and lead sources must agree with the login limits on who a client is.
func ClientAddressFunc(trusted []netip.Prefix) func(*http.Request) string {
	s := &Server{cfg: Config{TrustedProxies: trusted}}
	return s.clientAddress
}
