package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// dupView is a likely duplicate as a new record's form shows it: opened
// when the user may see it, masked (with who to ask) when not, and offered
// as the record to merge the new one into when it is of the same kind.
type dupView struct {
	crm.DupMatch
	KindLabel, RuleLabel, URL string
	Mergeable                 bool
}

// warnDuplicates runs 查重 on a new record's form unless the user has
// seen the warning already (dup_ok), and, when something matches, shows
// the form again with the matches; it reports whether it did.
func warnDuplicates[T any](s *Server, w http.ResponseWriter, r *http.Request, k *recordKind[T]) bool {
	if k.dupQuery == nil || r.PostForm.Get("dup_ok") == "1" {
		return false
	}
	q := k.dupQuery(r.PostForm)
	if q.Empty() || checkDupQuery(q) != nil {
		return false // a malformed phone or email is the form's own problem, reported on saving
	}
	ms, err := s.store.FindDuplicates(r.Context(), viewerOf(r), q)
	if err != nil || len(ms) == 0 {
		return false
	}
	d := s.recordPageData(w, r, k.path, "")
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		s.writeError(w, r, err)
		return true
	}
	d.Heading, d.Action, d.Back = d.T("dup.heading"), r.URL.Path, safeBack(r.PostForm.Get("next"))
	d.Fields = c.fieldViews(k.fields, r.PostForm, nil, true)
	one := strings.TrimSuffix(k.path, "s")
	for _, m := range ms {
		dv := dupView{DupMatch: m, KindLabel: d.T("ref." + m.Kind), RuleLabel: ruleName(d.Lang, m.Rule),
			Mergeable: m.Visible && k.merge != nil && m.Kind == one}
		if m.Visible {
			dv.URL = "/" + m.Kind + "s/" + strconv.FormatInt(m.ID, 10)
		}
		d.Dups = append(d.Dups, dv)
	}
	s.render(w, r, http.StatusConflict, "record_form", d)
	return true
}

// mergeChosen folds the record just created into the duplicate the user
// chose (merge_into), and returns that one: the new details join it.
func mergeChosen[T any](s *Server, r *http.Request, k *recordKind[T], rec *T) (*T, error) {
	into := r.PostForm.Get("merge_into")
	if into == "" || k.merge == nil {
		return rec, nil
	}
	id, err := parseID(into)
	if err != nil {
		return nil, invalid("merge_into", "must be a record's id")
	}
	v := viewerOf(r)
	if err := k.merge(r.Context(), v, crm.Merge{SurvivorID: id, MergedID: k.res().id(rec)}); err != nil {
		return nil, err
	}
	return k.res().load(r.Context(), v, id)
}

// Duplicate checks of the kinds a user creates by hand.
func customerDups(f url.Values) crm.DupQuery { return crm.DupQuery{Company: f.Get("name")} }

func contactDups(f url.Values) crm.DupQuery {
	return crm.DupQuery{Phone: firstLine(f["phones"]), Email: firstLine(f["emails"])}
}

func leadDups(f url.Values) crm.DupQuery {
	return crm.DupQuery{Company: f.Get("company"), Phone: f.Get("phone"), Email: f.Get("email")}
}

// firstLine is the first of the values typed one per line.
func firstLine(vals []string) string { return first(splitLines(first(vals))) }

// mergeCustomerInto and mergeContactInto are the kinds' merges.
func (s *Server) mergeCustomerInto(ctx context.Context, v crm.Viewer, m crm.Merge) error {
	_, err := s.store.MergeCustomers(ctx, v, m)
	return err
}

func (s *Server) mergeContactInto(ctx context.Context, v crm.Viewer, m crm.Merge) error {
	_, err := s.store.MergeContacts(ctx, v, m)
	return err
}
