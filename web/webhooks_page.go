package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// webhookKind is the webhook editor: the API's own create and update.
func (s *Server) webhookKind() *settingsKind {
	k := &settingsKind{
		path: "webhooks", one: "webhook",
		sections: []section{
			{"", "", []field{{Name: "url", Label: "hook_url", Type: "url", Need: true}, {Name: "description"},
				{Name: "disabled", Label: "hook_disabled", Type: "bool"}}},
			{"webhook.events", "webhook.events_help", []field{{Name: "events", Label: "hook_events", Type: "lines", Need: true}}},
			{"webhook.signing", "webhook.signing_help", []field{{Name: "secret", Label: "hook_secret", Type: "secret"}}},
		},
		create: savedBy(s.createWebhook, func(w *webhookCreated) int64 { return w.ID }),
		update: savedBy(s.updateWebhook, func(w *crm.Webhook) int64 { return w.ID }),
		remove: func(r *http.Request) error { _, err := s.deleteWebhook(r); return err },
	}
	k.fresh = func() (url.Values, error) {
		return url.Values{"events": {strings.Join(crm.HookEvents, "\n")}}, nil
	}
	k.load = func(r *http.Request) (url.Values, string, error) {
		w, err := s.getWebhook(r)
		if err != nil {
			return nil, "", err
		}
		vals, err := recordValues(w, k.fields())
		return vals, w.URL, err
	}
	k.extra = func(r *http.Request, d *settingsPage, _ url.Values, _ map[string]string) error {
		if d.DeleteURL == "" {
			return nil
		}
		v, err := s.webhookLog(r, d.pageData)
		d.Extra = v
		return err
	}
	return k
}

// webhookView is a webhook's line on the list and its editor's log.
type webhookView struct {
	ID               int64
	URL, Description string
	Events           string
	Disabled         bool
	DisabledReason   string
	Failures         int
	Secret           string // shown to admins on the webhook's own page
	Deliveries       []deliveryView
}

type deliveryView struct {
	ID                         int64
	Event, EventID, State, At  string
	Attempts, Status           int
	LastError, RedeliverAction string
}

func webhookLine(w *crm.Webhook) webhookView {
	return webhookView{ID: w.ID, URL: w.URL, Description: w.Description, Events: strings.Join(w.Events, ", "),
		Disabled: w.Disabled, DisabledReason: w.DisabledReason, Failures: w.Failures}
}

// webhookLog is the webhook in the path with its last 50 deliveries.
func (s *Server) webhookLog(r *http.Request, d pageData) (webhookView, error) {
	w, err := s.getWebhook(r)
	if err != nil {
		return webhookView{}, err
	}
	v := webhookLine(w)
	v.Secret = w.Secret.Reveal()
	l, err := s.deps.Webhooks.HookDeliveries(r.Context(), w.ID, crm.Page{Limit: 50})
	for _, del := range l.Items {
		v.Deliveries = append(v.Deliveries, deliveryView{ID: del.ID, Event: del.Event, EventID: del.EventID,
			State: d.T("webhook.state." + del.State), At: del.UpdatedAt.In(time.Local).Format("2006-01-02 15:04:05"),
			Attempts: del.Attempts, Status: del.LastStatus, LastError: del.LastError,
			RedeliverAction: "/webhooks/" + strconv.FormatInt(w.ID, 10) + "/deliveries/" + strconv.FormatInt(del.ID, 10) + "/redeliver"})
	}
	return v, err
}

// webhooksPage is what pages/webhooks.html sees.
type webhooksPage struct {
	pageData
	Notice   string
	Webhooks []webhookView
}

func (s *Server) getWebhooksPage(w http.ResponseWriter, r *http.Request) {
	d := webhooksPage{pageData: s.pageData(w, r, "webhooks.title")}
	if r.URL.Query().Get("deleted") != "" {
		d.Notice = "webhooks.deleted"
	}
	l, err := s.listWebhooks(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, h := range l.Items {
		d.Webhooks = append(d.Webhooks, webhookLine(h))
	}
	s.render(w, r, http.StatusOK, "webhooks", d)
}

// postRedeliver is the log's "send again" button.
func (s *Server) postRedeliver(w http.ResponseWriter, r *http.Request) {
	if _, err := s.redeliverHook(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/webhooks/"+chi.URLParam(r, "id")+"?saved=1", http.StatusSeeOther)
}
