package web

import "github.com/rapport-crm/rapport/crm"

// mailboxRoutes are the routes of email mailbox accounts: their admin API.
// Secrets are write-only: answers carry null in their place.
func (s *Server) mailboxRoutes() []route {
	return append([]route{
		apiRoute(get, "/api/v1/mailboxes", "List email mailboxes with their sync status (admin)", s.listMailboxes).admin(),
		apiRoute(get, "/api/v1/mailboxes/{id}", "Get a mailbox: settings (no secrets), state, last sync, counts, last error (admin)",
			s.getMailbox).admin(),
		apiRoute(post, "/api/v1/mailboxes", "Add an email mailbox (admin)", s.createMailbox).in(crm.Mailbox{}).created().admin(),
		apiRoute(patch, "/api/v1/mailboxes/{id}", "Change a mailbox; omitted or null secrets stay as they are (admin)",
			s.updateMailbox).in(crm.Mailbox{}).admin(),
		apiRoute(del, "/api/v1/mailboxes/{id}", "Remove a mailbox; its messages stay (admin)", s.deleteMailbox).admin(),
		apiRoute(get, "/api/v1/mailboxes/{id}/failed",
			"Messages the poller set aside after repeated failures, with their errors (admin)", s.listFailedMail).admin(),
		apiRoute(post, "/api/v1/mailboxes/{id}/failed/retry",
			"Retry every set-aside message at the poller's next sync (admin)", s.retryFailedMail).admin(),
		rawRoute(get, "/api/v1/mailboxes/{id}/failed/{failed_id}/raw", "Download a set-aside message as received (admin)",
			"message/rfc822", s.getFailedMailRaw).admin(),
		rawRoute(get, "/mailboxes", "Mailboxes and their sync state (admin)", html, s.getMailboxesPage).page().admin().
			query(recLangParam, []param{{"deleted", "boolean", "say that a mailbox was removed"}}),
	}, s.settingsRoutes(s.mailboxKind(), "a mailbox")...)
}
