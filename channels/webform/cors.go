package webform

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// allowOrigin decides whether a browser page may post f, and says so in
// the CORS headers. A request without Origin is not a browser's
// cross-origin call (curl, a server): CORS does not concern it. The hosted
// page is same-origin.
func (h *Handler) allowOrigin(w http.ResponseWriter, r *http.Request, f *crm.Form) bool {
	w.Header().Add("Vary", "Origin")
	o := r.Header.Get("Origin")
	if o == "" || sameOrigin(r, o) {
		return true
	}
	if !f.AllowsOrigin(o) {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", o)
	return true
}

// preflight answers a CORS preflight: the allowed origins only.
func (h *Handler) preflight(w http.ResponseWriter, r *http.Request, f *crm.Form) {
	o := r.Header.Get("Origin")
	if o == "" || !h.allowOrigin(w, r, f) || r.Header.Get("Access-Control-Request-Method") != http.MethodPost {
		h.fail(w, r, f, nil, crm.Errorf(crm.EFORBIDDEN, "This site may not post this form."))
		return
	}
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", o)
	hd.Set("Access-Control-Allow-Methods", "POST")
	hd.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
	hd.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// sameOrigin reports whether origin names the host r was sent to.
func sameOrigin(r *http.Request, origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}
