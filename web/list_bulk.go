package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// bulkMax bounds one bulk action on "all matching": each record is saved
// through the one-record path, with its own checks and audit.
const bulkMax = 2000

// bulkAction applies one action to the ticked records, or to every record
// the list's filters match. Each record goes through the same update as
// its edit form, so an assignment meets the same rules as one by hand:
// who may assign to whom, the pool's cap and cooldown, the audit trail.
// Export sends the browser on to the list's export.
func bulkAction[T any](s *Server, k *recordKind[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, invalid("body", "the form could not be read"))
			return
		}
		form, back := r.PostForm, mustQuery(r.PostForm.Get("query"))
		if form.Get("action") == "export" {
			q := cloneValues(back)
			if form.Get("all") == "" {
				q = url.Values{"id": form["id"]}
			}
			q.Set("format", firstOf(form.Get("format"), "csv"))
			http.Redirect(w, r, "/"+k.path+"/export?"+q.Encode(), http.StatusSeeOther)
			return
		}
		patch, err := bulkPatch(k, form)
		var ids []int64
		if err == nil {
			ids, err = bulkIDs(r, k, form, back)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		done, failed := 0, 0
		for _, id := range ids {
			r := withPathID(r, id)
			body, err := patch(r)
			if err == nil {
				_, err = updateRecord(withJSON(r, body), s, k.res())
			}
			if err != nil {
				failed++
				s.log.Info("bulk action refused", "kind", k.path, "id", id, "err", crm.ErrorMessage(err))
				continue
			}
			done++
		}
		back.Set("done", strconv.Itoa(done))
		back.Set("failed", strconv.Itoa(failed))
		http.Redirect(w, r, pageURL("/"+k.path, back), http.StatusSeeOther)
	}
}

// bulkPatch returns the JSON patch an action makes on the record r names:
// the same for each, but a label, which is added to the record's own.
func bulkPatch[T any](k *recordKind[T], form url.Values) (func(r *http.Request) ([]byte, error), error) {
	if form.Get("action") != "label" {
		body, err := bulkBody(k.res().ownerField, form)
		return func(*http.Request) ([]byte, error) { return body, err }, err
	}
	name := strings.TrimSpace(form.Get("label"))
	if k.tags == nil || name == "" {
		return nil, invalid("label", "choose a label (customers, leads and contacts carry labels)")
	}
	return func(r *http.Request) ([]byte, error) {
		rec, err := getRecord(r, k.res())
		if err != nil {
			return nil, err
		}
		tags := k.tags(rec)
		if !slices.Contains(tags, name) {
			tags = append(tags, name)
		}
		return json.Marshal(map[string]any{"tags": tags})
	}, nil
}

// bulkBody is the JSON patch an action makes on each record.
func bulkBody(ownerField string, form url.Values) ([]byte, error) {
	patch := map[string]any{}
	switch form.Get("action") {
	case "assign":
		if ownerField == "" {
			return nil, invalid("action", "these records have no owner")
		}
		patch[ownerField] = nil // the pool
		if v := form.Get("owner_id"); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, invalid("owner_id", "must be a user")
			}
			patch[ownerField] = id
		}
	case "status":
		if form.Get("status") == "" {
			return nil, invalid("status", "choose a status")
		}
		patch["status"] = form.Get("status")
	default:
		return nil, invalid("action", "must be assign, status, label or export")
	}
	return json.Marshal(patch)
}

// bulkIDs are the ticked ids, or with "all" those of every record the
// list's query matches, as the viewer sees them (at most bulkMax).
func bulkIDs[T any](r *http.Request, k *recordKind[T], form, query url.Values) ([]int64, error) {
	if form.Get("all") == "" {
		var ids []int64
		for _, s := range form["id"] {
			if id, err := parseID(s); err == nil {
				ids = append(ids, id)
			}
		}
		return ids, nil
	}
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = query.Encode()
	f, err := readListFilter(r2)
	if err != nil {
		return nil, err
	}
	lq := k.query(r2, f)
	if n, err := lq.count(); err != nil || n > bulkMax {
		if err == nil {
			err = invalid("all", "at most "+strconv.Itoa(bulkMax)+" records at once: narrow the filter")
		}
		return nil, err
	}
	var ids []int64
	res := k.res()
	err = pagesOf(lq, f.Page.Sort)(func(rec *T) error {
		ids = append(ids, res.id(rec))
		return nil
	}, func() {})
	return ids, err
}

// withPathID is r routed as if to a record's own URL: {id} is id.
func withPathID(r *http.Request, id int64) *http.Request {
	rc := chi.NewRouteContext()
	rc.URLParams.Add("id", strconv.FormatInt(id, 10))
	return r.WithContext(context.WithValue(r.Context(), chi.RouteCtxKey, rc))
}
