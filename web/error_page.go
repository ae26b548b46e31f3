package web

import (
	"bytes"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// errorPageData is the styled error page: a heading for the code, the
// message in the page's language and where to go next.
type errorPageData struct {
	pageData
	Status           int
	Code             string
	Heading, Message string
	Problems         []string // each field's problem, "label: problem", in the page's language
}

// errorPage answers a page's request with the styled, translated error page
// (the API answers JSON instead). It renders on its own, not through
// render, whose failure would come back here.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	code := crm.ErrorCode(err)
	d := errorPageData{pageData: s.pageData(w, r, "error.title."+code), Status: status, Code: code}
	d.Heading = d.T("error.title." + code)
	l := localize(d.Lang, err)
	d.Message = l.Message
	d.Problems = fieldLines(d.Lang, l.Fields)
	var buf bytes.Buffer
	if t := s.pages.sets["error"]; t == nil || t.ExecuteTemplate(&buf, "layout", d) != nil {
		http.Error(w, d.Message, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
