package webform

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// source is where the submission came from: the page (the snippet sends
// location.href; else the Referer header, often only the site's origin),
// the visitor's referrer, the UTM parameters (from the body, else the
// action URL's query, else the page URL's), the client's address and browser.
func (h *Handler) source(r *http.Request, f *crm.Form, vals map[string]string) crm.LeadSource {
	s := crm.LeadSource{Channel: crm.ChannelWebForm, Form: f.Name,
		PageURL: clip(firstOf(vals[pageURLField], r.Referer()), 2000), Referrer: clip(vals[referrerField], 2000),
		IP: h.cfg.ClientIP(r), UserAgent: clip(r.UserAgent(), 500)}
	var q url.Values
	if u, err := url.Parse(s.PageURL); err == nil {
		q = u.Query()
	}
	own := r.URL.Query() // an embed's action URL may carry its campaign
	utm := func(name string) string { return clip(firstOf(vals[name], own.Get(name), q.Get(name)), 200) }
	s.UTMSource, s.UTMMedium, s.UTMCampaign = utm("utm_source"), utm("utm_medium"), utm("utm_campaign")
	s.UTMTerm, s.UTMContent = utm("utm_term"), utm("utm_content")
	s.Campaign = s.UTMCampaign
	return s
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// externalID is the submission's dedupe key: its form, its inputs and the
// dedupe window it falls in. The same form filled in the same way again
// within the window (a double click, a reload, a retried fetch) is the
// same message, which Ingest stores once.
func externalID(key string, vals map[string]string, now time.Time, window time.Duration) string {
	h := sha256.New()
	h.Write([]byte(key))
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		if k == pageURLField || k == referrerField || k == langField {
			continue // the same answers from another page are still the same
		}
		h.Write([]byte{0})
		h.Write([]byte(k))
		h.Write([]byte{0})
		h.Write([]byte(vals[k]))
	}
	bucket := now.UnixNano() / int64(window)
	return "wf-" + strconv.FormatInt(bucket, 36) + "-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// rawRecord is what is kept as the message's raw form: the inputs as sent
// and the source, as JSON.
func rawRecord(vals map[string]string, src crm.LeadSource) []byte {
	b, _ := json.Marshal(struct {
		Fields map[string]string `json:"fields"`
		Source crm.LeadSource    `json:"source"`
	}{vals, src})
	return b
}
