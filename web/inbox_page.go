package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// inboxData is what the inbox page and its list fragment show.
type inboxData struct {
	pageData
	Query    crm.InboxQuery
	Page     crm.InboxPage
	Counts   *crm.InboxCounts
	Labels   []string
	Teams    []*crm.Team
	Views    []string
	Statuses []string
	Channels []string
	// Assignees are whom the viewer may hand conversations to in bulk.
	Assignees    []*crm.User
	Done, Failed string // a bulk action's result
	// Drill: the service report drill the list was opened with, kept by
	// every filter and page link.
	Drill url.Values
}

// Total is how many conversations the filters match (every page).
func (d inboxData) Total() int { return d.Counts.Views[d.Query.View] }

// ListQuery is the page's filters, for the bulk form to come back to.
func (d inboxData) ListQuery() string {
	return strings.TrimPrefix(d.FilterURL("cursor", ""), "/inbox?")
}

// ExportURL is the inbox's export, in format, under the page's filters.
func (d inboxData) ExportURL(format string) string {
	return "/inbox/export?" + d.ListQuery() + "&format=" + format
}

// FilterURL is the inbox URL with one filter changed (and the cursor reset).
func (d inboxData) FilterURL(name, value string) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	q := d.Query
	set("view", q.View)
	set("status", q.Status)
	if q.Status == "" {
		v.Set("status", "any")
	}
	set("channel", q.Channel)
	set("label", q.Label)
	if q.TeamID != nil {
		v.Set("team", itoa64(*q.TeamID))
	}
	set("q", q.Search)
	set("sort", q.Sort)
	if q.HandedOff {
		v.Set("handed_off", "true")
	}
	for k, vals := range d.Drill {
		v[k] = vals
	}
	v.Del(name)
	set(name, value)
	if name == "status" && value == "" {
		v.Set("status", "any")
	}
	return "/inbox?" + v.Encode()
}

// NextURL is the URL of the next page.
func (d inboxData) NextURL() string { return d.FilterURL("cursor", d.Page.Next) }

// inboxPageQuery reads the page's filters: open conversations by default,
// "any" for every status.
func inboxPageQuery(r *http.Request) (crm.InboxQuery, error) {
	raw := r.URL.Query()
	switch raw.Get("status") {
	case "":
		raw.Set("status", crm.ConvOpen)
	case "any":
		raw.Del("status")
	}
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = raw.Encode()
	return inboxQuery(r2)
}

func (s *Server) inboxData(w http.ResponseWriter, r *http.Request) (*inboxData, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	q, err := inboxPageQuery(r)
	if err != nil {
		return nil, err
	}
	d := &inboxData{pageData: s.pageData(w, r, "inbox.title"), Query: q,
		Views:    []string{crm.ViewMine, crm.ViewUnassigned, crm.ViewAll},
		Statuses: []string{crm.ConvOpen, crm.ConvPending, crm.ConvSnoozed, crm.ConvResolved},
		Channels: []string{crm.ChannelEmail, crm.ChannelWeChat, crm.ChannelWebForm}, Drill: url.Values{}}
	keepDrill(r.URL.Query(), d.Drill)
	ctx := r.Context()
	if d.Page, err = ib.Inbox(ctx, q); err != nil {
		return nil, err
	}
	if d.Counts, err = ib.InboxCounts(ctx, q); err != nil {
		return nil, err
	}
	if d.Labels, err = ib.Labels(ctx, q.Viewer); err != nil {
		return nil, err
	}
	if d.Teams, err = s.store.ListTeams(ctx); err != nil {
		return nil, err
	}
	users, err := s.store.ListUsers(ctx)
	for _, u := range users {
		if !u.Disabled && q.Viewer.MayAssign(&u.ID) {
			d.Assignees = append(d.Assignees, u)
		}
	}
	d.Done, d.Failed = r.URL.Query().Get("done"), r.URL.Query().Get("failed")
	return d, err
}

func (s *Server) getInboxPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.inboxData(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.renderAny(w, r, "inbox", "layout", d)
}

// getInboxList is the list and its counts alone, for the live refresh.
func (s *Server) getInboxList(w http.ResponseWriter, r *http.Request) {
	d, err := s.inboxData(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.renderAny(w, r, "inbox", "inbox_main", d)
}

// renderAny executes one template of a page's set with any data, into a
// buffer first so that a template error is a clean 500.
func (s *Server) renderAny(w http.ResponseWriter, r *http.Request, page, name string, d any) {
	var buf bytes.Buffer
	if err := s.pages.sets[page].ExecuteTemplate(&buf, name, d); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
