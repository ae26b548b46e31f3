package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/rapport-crm/rapport/crm"
)

func intOr(p *int64, def int) int {
	if p == nil || *p > 366 {
		return def
	}
	return int(*p)
}

// ownOnly keeps a rep to their own care; managers and admins may ask for
// anyone's, and visibleCare (or the store, for care done) drops what a
// manager may not see (another team's).
func ownOnly(v crm.Viewer, owner *int64) *int64 {
	if v.Role == crm.RoleRep {
		id := v.UserID
		return &id
	}
	return owner
}

func (s *Server) careCalendar(r *http.Request) ([]crm.CarePreviewItem, error) {
	v := viewerOf(r)
	cp, _, err := s.carePlanner(v, false)
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	f := crm.CareUpcomingFilter{PlanID: q.id("plan_id"), CustomerID: q.id("customer_id"),
		OwnerID: ownOnly(v, q.id("owner_id"))}
	f.Days = intOr(q.id("days"), 30)
	if err := q.err(); err != nil {
		return nil, err
	}
	items, err := cp.Upcoming(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return s.visibleCare(r.Context(), v, items)
}

func (s *Server) listCareOccurrences(r *http.Request) ([]*crm.CareOccurrence, error) {
	v := viewerOf(r)
	_, st, err := s.carePlanner(v, false)
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	f := crm.CareOccurrenceFilter{PlanID: q.id("plan_id"), ContactID: q.id("contact_id"),
		CustomerID: q.id("customer_id"), OwnerID: ownOnly(v, q.id("owner_id")), Viewer: &v}
	if err := q.err(); err != nil {
		return nil, err
	}
	return st.ListCareOccurrences(r.Context(), f)
}

// customerCareOut is a customer's last care done and next care due.
type customerCareOut struct {
	Last *crm.CareOccurrence  `json:"last"`
	Next *crm.CarePreviewItem `json:"next"`
}

func (s *Server) customerCare(r *http.Request) (*customerCareOut, error) {
	ctx, v := r.Context(), viewerOf(r)
	cp, st, err := s.carePlanner(v, false)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Customer(ctx, v, id); err != nil {
		return nil, err
	}
	out := &customerCareOut{}
	last, err := st.ListCareOccurrences(ctx, crm.CareOccurrenceFilter{CustomerID: &id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(last) > 0 {
		out.Last = last[0]
	}
	next, err := cp.Upcoming(ctx, crm.CareUpcomingFilter{CustomerID: &id, Days: 366, Limit: 1})
	if len(next) > 0 {
		out.Next = &next[0]
	}
	return out, err
}

type careOptOutBody struct {
	OptedOut bool   `json:"opted_out"`
	Reason   string `json:"reason"`
	// TimeZone, when given, is the IANA zone the contact's care is timed
	// in (quiet hours, send time); "" keeps it.
	TimeZone string `json:"time_zone,omitempty"`
}

func (s *Server) setCareOptOut(r *http.Request) (*careOptOutBody, error) {
	ctx, v := r.Context(), viewerOf(r)
	_, st, err := s.carePlanner(v, false)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Contact(ctx, v, id); err != nil {
		return nil, err
	}
	var b careOptOutBody
	if r.Header.Get("Content-Type") == "application/x-www-form-urlencoded" {
		b.OptedOut = r.FormValue("opted_out") == "1"
	} else if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	if b.Reason == "" && b.OptedOut {
		b.Reason = "marked by a rep: no care messages"
	}
	if b.TimeZone != "" {
		if _, err := time.LoadLocation(b.TimeZone); err != nil || !strings.Contains(b.TimeZone, "/") {
			return nil, invalid("time_zone", "is not a time zone like Asia/Shanghai")
		}
		if err := st.SetCareTimeZone(ctx, id, b.TimeZone); err != nil {
			return nil, err
		}
	}
	return &b, st.SetCareOptOut(ctx, id, b.OptedOut, b.Reason)
}

// unsubscribePage is bilingual: its reader is a customer, not a user with
// a language setting.
var unsubscribePage = template.Must(template.New("u").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>退订 · Unsubscribe</title></head><body>
{{if .Done}}<p>您已退订，不会再收到关怀消息。</p><p>You are unsubscribed: no more care messages.</p>
{{else if .Unknown}}<p>此退订链接无效。</p><p>This unsubscribe link is not valid.</p>
{{else}}<form method="post"><p>不想再收到我们的关怀消息（生日祝福、回访等）？</p>
<p>Receive no more care messages (birthday wishes, follow-ups)?</p>
<button type="submit">退订 · Unsubscribe</button></form>{{end}}
</body></html>`))

// getCareUnsubscribe only shows a button: a GET must not unsubscribe, as
// mail scanners fetch links (RFC 8058 §1).
func (s *Server) getCareUnsubscribe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	unsubscribePage.Execute(w, map[string]bool{}) //nolint:errcheck // the client went away
}

// postCareUnsubscribe is the one-click unsubscribe, from the page's button
// or from the mail client (List-Unsubscribe-Post): one opt-out that every
// channel honours.
func (s *Server) postCareUnsubscribe(w http.ResponseWriter, r *http.Request) {
	if s.deps.CareStore == nil {
		http.NotFound(w, r)
		return
	}
	_, err := s.deps.CareStore.OptOutByToken(r.Context(), chi.URLParam(r, "token"), "unsubscribe link (email)")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch crm.ErrorCode(err) {
	case "":
		unsubscribePage.Execute(w, map[string]bool{"Done": true}) //nolint:errcheck
	case crm.ENOTFOUND:
		w.WriteHeader(http.StatusNotFound)
		unsubscribePage.Execute(w, map[string]bool{"Unknown": true}) //nolint:errcheck
	default:
		s.writeError(w, r, err)
	}
}
