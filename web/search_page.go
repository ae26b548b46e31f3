package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The public search page (公共检索): any rep may look a company or a person
// up across every owner's leads and customers, and learn that it exists and
// who owns it, masked, so that nobody chases a company a colleague owns. It
// is the same check as POST /api/v1/duplicates; a pool record offers the
// claim of its kind, which applies the pool's rules.

// searchPage is the page's data.
type searchPage struct {
	pageData
	Query   string
	Problem string // why the query was refused, in the page's language
	Asked   bool
	Rows    []searchRow
}

// searchRow is one match as the page shows it.
type searchRow struct {
	Kind, Label, Owner, Reason string
	URL                        string // set when the viewer may open it
	ClaimURL                   string // set for a pool record whose kind can be claimed
}

// getPublicSearch shows the empty search form.
func (s *Server) getPublicSearch(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "public_search", searchPage{pageData: s.pageData(w, r, "search.title")})
}

// postPublicSearch runs the search: a POST, so that the names and numbers
// asked about stay out of URLs and access logs.
func (s *Server) postPublicSearch(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, loginFormLimit)
	d := searchPage{pageData: s.pageData(w, r, "search.title"), Asked: true}
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, crm.Errorf(crm.EINVALID, "The form could not be read."))
		return
	}
	d.Query = strings.TrimSpace(r.PostForm.Get("q"))
	l, err := s.duplicates(r, crm.DupQuery{Query: d.Query})
	switch crm.ErrorCode(err) {
	case "":
		for _, m := range l.Items {
			d.Rows = append(d.Rows, s.searchRow(d.pageData, m))
		}
		s.render(w, r, http.StatusOK, "public_search", d)
	case crm.EINVALID:
		d.Problem = d.T("search.problem")
		s.render(w, r, http.StatusBadRequest, "public_search", d)
	default:
		s.writeError(w, r, err)
	}
}

func (s *Server) searchRow(d pageData, m crm.DupMatch) searchRow {
	row := searchRow{Kind: d.T("search.kind." + m.Kind), Label: m.Label, Owner: m.OwnerName,
		Reason: d.T("search.rule."+m.Rule) + ": " + m.Value}
	id := strconv.FormatInt(m.ID, 10)
	if m.InPool {
		row.Owner = d.T("search.pool")
	}
	if m.Visible {
		row.URL = "/" + m.Kind + "s/" + id
	}
	if claim := "/" + m.Kind + "s/{id}/claim"; m.InPool && s.hasRoute(post, claim) {
		row.ClaimURL = strings.Replace(claim, "{id}", id, 1)
	}
	return row
}

// hasRoute reports whether the route table serves method and pattern: a
// kind's claim is offered where its claim route exists, whichever branch
// built it.
func (s *Server) hasRoute(method, pattern string) bool {
	for _, rt := range s.routes {
		if rt.Method == method && rt.Pattern == pattern {
			return true
		}
	}
	return false
}
