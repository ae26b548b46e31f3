package webform

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// statusOf maps crm error codes to statuses, as the web layer does.
var statusOf = map[string]int{
	crm.EINVALID:     http.StatusBadRequest,
	crm.EFORBIDDEN:   http.StatusForbidden,
	crm.ENOTFOUND:    http.StatusNotFound,
	crm.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	crm.ERATELIMITED: http.StatusTooManyRequests,
}

// errorBody is the web layer's JSON error shape.
type errorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// okBody is the JSON answer to an accepted submission.
type okBody struct {
	OK       bool   `json:"ok"`
	Message  string `json:"message"`
	Redirect string `json:"redirect,omitempty"`
}

// accepted answers a stored (or silently dropped) submission: JSON to
// fetch and JSON posts, a 303 to the form's page (or the hosted thanks)
// with ?ok=1 to a browser's plain form post.
func (h *Handler) accepted(w http.ResponseWriter, r *http.Request, f *crm.Form, vals map[string]string) {
	lang := h.lang(r, vals)
	if !wantsHTML(r) {
		writeJSON(w, http.StatusOK, okBody{OK: true, Message: tr(lang, "thanks"), Redirect: f.RedirectURL})
		return
	}
	target := r.URL.Path + "?ok=1&lang=" + url.QueryEscape(lang)
	if f.RedirectURL != "" {
		target = withOK(f.RedirectURL)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func withOK(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	q := u.Query()
	q.Set("ok", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// fail answers err: a browser's plain post sees the hosted page again with
// its messages and what it typed; anything else gets the JSON error.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, f *crm.Form, vals map[string]string, err error) {
	code := crm.ErrorCode(err)
	st, ok := statusOf[code]
	if !ok {
		st = http.StatusInternalServerError
		h.cfg.Logger.Error("form submission failed", "path", r.URL.Path, "err", err)
	}
	if f != nil && r.Method == http.MethodPost && wantsHTML(r) {
		h.renderForm(w, r, f, st, vals, err)
		return
	}
	writeJSON(w, st, errorBody{Code: code, Message: crm.ErrorMessage(err), Fields: crm.ErrorFields(err)})
}

// wantsHTML reports whether r is a browser navigating (a plain form post),
// rather than fetch() or a program.
func wantsHTML(r *http.Request) bool {
	if m := r.Header.Get("Sec-Fetch-Mode"); m != "" {
		return m == "navigate"
	}
	ct := r.Header.Get("Content-Type")
	return !strings.Contains(ct, "json") && strings.Contains(r.Header.Get("Accept"), "text/html")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v) // our own plain types: cannot fail
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
