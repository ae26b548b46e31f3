package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

//go:embed templates static
var assets embed.FS

// pages holds the parsed templates, one set per page (layout, partials and
// the page's own "content"), and the static files by checksum name.
type pages struct {
	sets   map[string]*template.Template
	static map[string][]byte // "style.1a2b3c4d.css" → content
	urls   map[string]string // "style.css" → "/static/style.1a2b3c4d.css"
}

// mustParsePages parses the embedded templates; a failure is a bug caught by
// any test.
func mustParsePages() *pages {
	p := &pages{sets: map[string]*template.Template{}, static: map[string][]byte{}, urls: map[string]string{}}
	p.hashStatic()
	base := template.Must(template.New("").Funcs(template.FuncMap{"asset": p.asset, "copyable": copyable}).
		ParseFS(assets, "templates/layout.html", "templates/partials/*.html"))
	names, _ := fs.Glob(assets, "templates/pages/*.html")
	for _, n := range names {
		t := template.Must(template.Must(base.Clone()).ParseFS(assets, n))
		p.sets[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return p
}

// hashStatic names each static file by its content, so that it may be cached
// forever and a new version gets a new URL.
func (p *pages) hashStatic() {
	entries, _ := fs.ReadDir(assets, "static")
	for _, e := range entries {
		b, _ := fs.ReadFile(assets, "static/"+e.Name())
		sum := sha256.Sum256(b)
		ext := path.Ext(e.Name())
		name := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:4]) + ext
		p.static[name] = b
		p.urls[e.Name()] = "/static/" + name
	}
}

func (p *pages) asset(name string) string { return p.urls[name] }

// copyValue is a value shown with a button that copies it (static/copy.js).
type copyValue struct {
	ID, Value, Label, Copy, Done string
	Area                         bool // a textarea (a snippet); else a link
}

// copyable is the template function that makes a copyValue.
func copyable(id, value, label string, area bool, lang string) copyValue {
	return copyValue{ID: id, Value: value, Label: label, Area: area,
		Copy: translate(lang, "form.copy"), Done: translate(lang, "form.copied")}
}

// pageData is what every template sees.
type pageData struct {
	Lang     string
	TitleKey string
	User     *crm.User
	Error    string // a message key
	Email    string
	Next     string
	Path     string
	Version  string
	// Bell is how many reminders are due today for the user (nil: no
	// reminders on this server); the header shows it.
	Bell *int
}

// Under reports whether the page is prefix or below it, for navigation.
func (d pageData) Under(prefix string) bool {
	return d.Path == prefix || strings.HasPrefix(d.Path, prefix+"/")
}

// T translates a message key into the page's language.
func (d pageData) T(key string) string { return translate(d.Lang, key) }

func (s *Server) pageData(w http.ResponseWriter, r *http.Request, titleKey string) pageData {
	u := userOf(r.Context())
	locale := ""
	if u != nil {
		locale = u.Locale
	}
	return pageData{Lang: chooseLang(w, r, locale), TitleKey: titleKey, User: u,
		Path: r.URL.Path, Version: s.version, Bell: s.bell(r, u)}
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page. d is a pageData or a struct
// embedding one.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, d any) {
	var buf bytes.Buffer
	if err := s.pages.sets[page].ExecuteTemplate(&buf, "layout", d); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) getLogin(w http.ResponseWriter, r *http.Request) {
	d := s.pageData(w, r, "login.title")
	if d.User != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	d.Next = safeNext(r.URL.Query().Get("next"))
	s.render(w, r, http.StatusOK, "login", d)
}

// getHome shows the shared inbox: it is where reps work.
func (s *Server) getHome(w http.ResponseWriter, r *http.Request) {
	if s.setupPending(r) { // an admin of a new installation starts with its checklist
		http.Redirect(w, r, "/setup", http.StatusSeeOther)
		return
	}
	s.getInboxPage(w, r)
}

// getStatic serves an embedded file by its checksum name.
func (s *Server) getStatic(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	b, ok := s.pages.static[name]
	if !ok {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "No such file."))
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}
