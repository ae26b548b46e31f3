package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// poolPanel is a lead's or customer's pool section on its page: why and
// when it goes back to the pool, its freeze, and the forms that change it.
type poolPanel struct {
	Countdown  string // "Reclaimed on … unless followed up (rule 3: no follow-up)"
	Frozen     string // "Frozen until …: reason"
	Base       string // "/leads/7": the forms post to Base + "/release" …
	CanRelease bool
	CanFreeze  bool
	IsFrozen   bool
}

// panelOf builds the pool panel of a record for v.
func (s *Server) panelOf(c *cells, v crm.Viewer, base string, owner *int64, st crm.PoolState) *poolPanel {
	p := &poolPanel{Base: base, CanRelease: owner != nil && (*owner == v.UserID || v.Role != crm.RoleRep),
		CanFreeze: v.Role != crm.RoleRep}
	now := s.now()
	if st.FrozenUntil != nil && st.FrozenUntil.After(now) {
		p.IsFrozen = true
		p.Frozen = fmt.Sprintf(c.t("pool.frozen_until"), localTime(st.FrozenUntil), st.FrozenReason)
	}
	if st.ReclaimAt != nil && st.ReclaimRuleID != nil {
		p.Countdown = fmt.Sprintf(c.t("pool.reclaim_on"), localTime(st.ReclaimAt), *st.ReclaimRuleID,
			c.t("pool.why."+st.ReclaimWhy))
	}
	return p
}

// daysLeft is a list's "days left" cell: whole days to the reclaim,
// rounded up, or "frozen".
func (s *Server) daysLeft(c *cells, st crm.PoolState) string {
	now := s.now()
	switch {
	case st.FrozenUntil != nil && st.FrozenUntil.After(now):
		return c.t("pool.countdown.frozen")
	case st.ReclaimAt == nil:
		return ""
	}
	return strconv.Itoa(int(math.Ceil(st.ReclaimAt.Sub(now).Hours() / 24)))
}

// listPool turns a list page's countdown filter into the store's.
func (s *Server) listPool(f listFilter) crm.PoolFilter {
	sort := ""
	if f.Countdown == "days_left" {
		sort = crm.SortReclaim
	}
	return s.poolFilter(sort, f.Countdown, nil)
}

// poolFormRoutes are the record pages' pool forms for a kind.
func (s *Server) poolFormRoutes(path, kind string) []route {
	base := "/" + path + "/{id}/"
	form := func(summary, what string, act func(r *http.Request, o crm.Owners, ref crm.Ref) error) route {
		return rawRoute(post, base+what, summary, html, s.poolForm(path, kind, act)).page().query(recLangParam)
	}
	return []route{
		form("Claim a pool record (form), then show it", "claim", func(r *http.Request, o crm.Owners, ref crm.Ref) error {
			return o.Claim(r.Context(), viewerOf(r), ref)
		}),
		form("Release a record to the pool with a reason (form)", "release", func(r *http.Request, o crm.Owners, ref crm.Ref) error {
			return o.Release(r.Context(), viewerOf(r), ref, r.PostFormValue("reason"))
		}),
		form("Freeze a record until a date with a reason (form)", "freeze", func(r *http.Request, o crm.Owners, ref crm.Ref) error {
			until, err := formDate(r.PostFormValue("until"))
			if err != nil {
				return err
			}
			return o.Freeze(r.Context(), viewerOf(r), ref, until, r.PostFormValue("reason"))
		}),
		form("Unfreeze a record (form)", "unfreeze", func(r *http.Request, o crm.Owners, ref crm.Ref) error {
			return o.Freeze(r.Context(), viewerOf(r), ref, nil, "")
		}),
	}
}

// poolForm runs a pool action from a record page's form, then shows the
// record (or the pool list when the user can no longer see it).
func (s *Server) poolForm(path, kind string, act func(r *http.Request, o crm.Owners, ref crm.Ref) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = s.visible(r.Context(), viewerOf(r), crm.Ref{Kind: kind, ID: id})
		}
		o, oerr := s.owners()
		if err == nil {
			err = oerr
		}
		if err == nil {
			err = act(r, o, crm.Ref{Kind: kind, ID: id})
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		to := "/" + path + "/" + strconv.FormatInt(id, 10)
		if s.visible(r.Context(), viewerOf(r), crm.Ref{Kind: kind, ID: id}) != nil {
			to = "/" + path + "?owner=pool"
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// formDate reads a release date (2006-01-02) as the end of that day in
// the server's zone; empty is a missing date.
func formDate(v string) (*time.Time, error) {
	if v == "" {
		return nil, invalid("until", "is required: the date the rules apply again")
	}
	d, err := time.ParseInLocation("2006-01-02", v, time.Local)
	if err != nil {
		return nil, invalid("until", "must be a date (YYYY-MM-DD)")
	}
	end := d.AddDate(0, 0, 1).Add(-time.Second)
	return &end, nil
}
