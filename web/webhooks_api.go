package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// webhookCreated is a new webhook with its signing secret, shown this once
// by the API (admins may read it again on the webhook's page).
type webhookCreated struct {
	*crm.Webhook
	SigningSecret string `json:"signing_secret"`
}

func (s *Server) webhookStore() (crm.WebhookStore, error) {
	if s.deps.Webhooks == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Webhooks are not available on this server.")
	}
	return s.deps.Webhooks, nil
}

func (s *Server) listWebhooks(r *http.Request) (crm.List[*crm.Webhook], error) {
	ws, err := s.webhookStore()
	if err != nil {
		return crm.List[*crm.Webhook]{}, err
	}
	l, err := ws.Webhooks(r.Context())
	return crm.NewList(l, len(l), func(w *crm.Webhook) int64 { return w.ID }), err
}

func (s *Server) getWebhook(r *http.Request) (*crm.Webhook, error) {
	ws, err := s.webhookStore()
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return ws.Webhook(r.Context(), id)
}

// createWebhook stores a webhook; without a secret in the body one is made.
func (s *Server) createWebhook(r *http.Request) (*webhookCreated, error) {
	ws, err := s.webhookStore()
	if err != nil {
		return nil, err
	}
	w := &crm.Webhook{}
	if err := decodeNew(r, w); err != nil {
		return nil, err
	}
	w.ID, w.Failures, w.DisabledReason = 0, 0, ""
	if w.Secret == "" {
		w.Secret = crm.NewHookSecret()
	}
	if err := ws.CreateWebhook(r.Context(), w); err != nil {
		return nil, err
	}
	return &webhookCreated{Webhook: w, SigningSecret: w.Secret.Reveal()}, s.auditWebhook(r, "webhook.create", w)
}

// updateWebhook changes a webhook; the secret reads back as null, so a body
// that leaves it out keeps it. Enabling a disabled one clears its failures.
func (s *Server) updateWebhook(r *http.Request) (*crm.Webhook, error) {
	old, err := s.getWebhook(r)
	if err != nil {
		return nil, err
	}
	w, err := clone(old) // the JSON round trip drops the secret: kept unless sent
	if err != nil {
		return nil, err
	}
	if err := decodeNew(r, w); err != nil {
		return nil, err
	}
	w.ID = old.ID
	if err := s.deps.Webhooks.UpdateWebhook(r.Context(), w); err != nil {
		return nil, err
	}
	return w, s.auditWebhook(r, "webhook.update", w)
}

func (s *Server) deleteWebhook(r *http.Request) (*crm.Webhook, error) {
	w, err := s.getWebhook(r)
	if err != nil {
		return nil, err
	}
	if err := s.deps.Webhooks.DeleteWebhook(r.Context(), w.ID); err != nil {
		return nil, err
	}
	return w, s.auditWebhook(r, "webhook.delete", w)
}

func (s *Server) listHookDeliveries(r *http.Request) (crm.List[*crm.HookDelivery], error) {
	w, err := s.getWebhook(r)
	if err != nil {
		return crm.List[*crm.HookDelivery]{}, err
	}
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		return crm.List[*crm.HookDelivery]{}, err
	}
	return s.deps.Webhooks.HookDeliveries(r.Context(), w.ID, p)
}

// hookDelivery is the webhook's delivery named in the path.
func (s *Server) hookDelivery(r *http.Request) (int64, error) {
	w, err := s.getWebhook(r)
	if err != nil {
		return 0, err
	}
	did, err := parseID(chi.URLParam(r, "delivery_id"))
	if err != nil {
		return 0, err
	}
	l, err := s.deps.Webhooks.HookDeliveries(r.Context(), w.ID, crm.Page{After: did + 1, Limit: 1})
	if err == nil && (len(l.Items) == 0 || l.Items[0].ID != did) {
		err = crm.Errorf(crm.ENOTFOUND, "Delivery not found.")
	}
	return did, err
}

func (s *Server) listHookAttempts(r *http.Request) ([]crm.HookAttempt, error) {
	did, err := s.hookDelivery(r)
	if err != nil {
		return nil, err
	}
	return s.deps.Webhooks.HookAttempts(r.Context(), did)
}

// redeliverHook queues a delivery again, as it was first sent; the
// deliverer sends it within its poll interval.
func (s *Server) redeliverHook(r *http.Request) (*crm.HookDelivery, error) {
	did, err := s.hookDelivery(r)
	if err != nil {
		return nil, err
	}
	d, err := s.deps.Webhooks.RedeliverHook(r.Context(), did, s.now())
	if err == nil && s.deps.HookQueued != nil {
		s.deps.HookQueued()
	}
	return d, err
}

func (s *Server) auditWebhook(r *http.Request, action string, w *crm.Webhook) error {
	actor := userOf(r.Context()).ID
	return s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: action,
		Subject: crm.Ref{Kind: "webhook", ID: w.ID}, Detail: w.URL})
}

// hook tells the webhooks of something done through the web layer.
func (s *Server) hook(e crm.Event) {
	if s.deps.Hooks != nil {
		s.deps.Hooks.Publish(e)
	}
}

// hookCreated tells the webhooks of a record created through the API or
// the record pages, by the record's kind.
func (s *Server) hookCreated(kind string, id int64) {
	switch kind {
	case crm.RefLead:
		s.hook(crm.Event{Kind: crm.EventLeadNew, LeadID: id})
	case crm.RefCustomer:
		s.hook(crm.Event{Kind: crm.EventCustomerNew, RecordID: id})
	case crm.RefOrder:
		s.hook(crm.Event{Kind: crm.EventOrderNew, RecordID: id})
	case "payment":
		s.hook(crm.Event{Kind: crm.EventPaymentNew, RecordID: id})
	}
}
