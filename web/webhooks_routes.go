package web

import "github.com/rapport-crm/rapport/crm"

// webhookRoutes are the outgoing webhooks' admin API and pages. The
// secret is write-only: answers carry null in its place, except the
// signing_secret of a create's answer.
func (s *Server) webhookRoutes() []route {
	const p = "/api/v1/webhooks"
	return append([]route{
		apiRoute(get, p, "List outgoing webhooks (admin)", s.listWebhooks).admin(),
		apiRoute(get, p+"/{id}", "Get a webhook: URL, events, disabled and why, failed attempts in a row (admin)",
			s.getWebhook).admin(),
		apiRoute(post, p, "Add a webhook; without a secret one is made and answered once as signing_secret (admin)",
			s.createWebhook).in(crm.Webhook{}).created().admin(),
		apiRoute(patch, p+"/{id}", "Change a webhook; an omitted or null secret stays; disabled=false enables it again (admin)",
			s.updateWebhook).in(crm.Webhook{}).admin(),
		apiRoute(del, p+"/{id}", "Remove a webhook and its delivery log (admin)", s.deleteWebhook).admin(),
		apiRoute(get, p+"/{id}/deliveries", "A webhook's deliveries, newest first, with their state and last answer (admin)",
			s.listHookDeliveries).admin().query(pageParams),
		apiRoute(get, p+"/{id}/deliveries/{delivery_id}/attempts",
			"Every attempt of a delivery: time, HTTP status, error, duration (admin)", s.listHookAttempts).admin(),
		apiRoute(post, p+"/{id}/deliveries/{delivery_id}/redeliver",
			"Send a delivery again, with its event id and body (admin)", s.redeliverHook).admin(),
		rawRoute(get, "/webhooks", "Outgoing webhooks and their state (admin)", html, s.getWebhooksPage).page().admin().
			query(recLangParam, []param{{"deleted", "boolean", "say that a webhook was removed"}}),
		rawRoute(post, "/webhooks/{id}/deliveries/{delivery_id}/redeliver", "Send a delivery again (form; admin)", html,
			s.postRedeliver).page().admin().query(recLangParam),
	}, s.settingsRoutes(s.webhookKind(), "a webhook")...)
}
