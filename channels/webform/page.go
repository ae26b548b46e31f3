package webform

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

//go:embed templates/form.html templates/form.css
var templateFiles embed.FS

// pageSet is the hosted page's template and its stylesheet, inlined so the
// page needs nothing else (no CDN), and allowed by its hash in the CSP.
type pageSet struct {
	tmpl *template.Template
	css  template.CSS
	csp  string
}

func mustParsePages() *pageSet {
	css, err := templateFiles.ReadFile("templates/form.css")
	if err != nil {
		panic(err) // embedded at build time
	}
	sum := sha256.Sum256(css)
	return &pageSet{
		tmpl: template.Must(template.ParseFS(templateFiles, "templates/form.html")),
		css:  template.CSS(css),
		csp: "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
			"'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
	}
}

// pageData is what form.html shows.
type pageData struct {
	Lang, Name, Action, Error, OtherLangURL string
	OK                                      bool
	CSS                                     template.CSS
	Fields                                  []pageField
	Hidden                                  []pageField
}

// T translates key into the page's language.
func (d pageData) T(key string) string { return tr(d.Lang, key) }

type pageField struct {
	Name, Label, Type, Auto, Value, Error string
	Required                              bool
}

// page serves GET /f/{key}: the form, or the thanks after ?ok=1.
func (h *Handler) page(w http.ResponseWriter, r *http.Request, f *crm.Form) {
	vals := map[string]string{referrerField: r.Referer()}
	q := r.URL.Query()
	for _, k := range []string{"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"} {
		if v := q.Get(k); v != "" {
			vals[k] = v
		}
	}
	h.renderForm(w, r, f, http.StatusOK, vals, nil)
}

// renderForm writes the hosted page with vals filled in and err's
// messages beside their fields.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *crm.Form, status int, vals map[string]string, err error) {
	lang := h.lang(r, vals)
	d := pageData{Lang: lang, Name: f.Name, Action: r.URL.Path, CSS: h.pages.css,
		OK:           r.Method == http.MethodGet && r.URL.Query().Get("ok") == "1",
		OtherLangURL: otherLangURL(r, lang)}
	d.Fields, d.Hidden = pageFields(f, vals, crm.ErrorFields(err), lang)
	if err != nil {
		d.Error = tr(lang, "fix")
		if c := crm.ErrorCode(err); c != crm.EINVALID || crm.ErrorFields(err) == nil {
			d.Error = tr(lang, "code."+c)
		} else if msg := crm.ErrorFields(err)["form"]; msg != "" {
			d.Error = tr(lang, msg) // about the whole form, not one field
		}
	}
	var buf bytes.Buffer
	if err := h.pages.tmpl.ExecuteTemplate(&buf, "form.html", d); err != nil {
		h.cfg.Logger.Error("form page", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", h.pages.csp+formActionExtra(f))
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// formActionExtra lets the page's post be redirected to the form's own
// thank-you page: browsers apply form-action to redirects too.
func formActionExtra(f *crm.Form) string {
	u, err := url.Parse(f.RedirectURL)
	if f.RedirectURL == "" || err != nil {
		return ""
	}
	return " " + u.Scheme + "://" + u.Host
}

func otherLangURL(r *http.Request, lang string) string {
	other := "zh-CN"
	if lang == "zh-CN" {
		other = "en"
	}
	return r.URL.Path + "?lang=" + other
}

// pageFields are the inputs the page shows (the form's, or name, email,
// phone and message when it defines none) and the hidden ones it carries.
func pageFields(f *crm.Form, vals, problems map[string]string, lang string) (shown, hidden []pageField) {
	for _, fd := range f.Inputs() {
		lf := f.LeadField(fd.Name)
		p := pageField{Name: fd.Name, Label: fd.Label, Required: fd.Required, Value: vals[fd.Name],
			Type: crm.InputType(lf), Auto: autocomplete(lf)}
		if p.Label == "" {
			p.Label = tr(lang, "label."+firstOf(lf, fd.Name))
			p.Label = strings.TrimPrefix(p.Label, "label.")
		}
		if msg := problems[fd.Name]; msg != "" {
			p.Error = tr(lang, msg)
		}
		shown = append(shown, p)
	}
	for _, k := range []string{referrerField, "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"} {
		if v := vals[k]; v != "" {
			hidden = append(hidden, pageField{Name: k, Value: v})
		}
	}
	return shown, hidden
}

func autocomplete(leadField string) string {
	switch leadField {
	case crm.FieldName:
		return "name"
	case crm.FieldEmail:
		return "email"
	case crm.FieldPhone:
		return "tel"
	case crm.FieldCompany:
		return "organization"
	}
	return ""
}
