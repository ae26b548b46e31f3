package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// inboxParams filter the inbox list, on its page and in the API.
var inboxParams = []param{
	{"view", "string", "all (default), mine or unassigned"},
	{"channel", "string", "email, wechat or webform"},
	{"status", "string", "open, pending, snoozed or resolved (the page defaults to open; the API to any)"},
	{"label", "string", "only conversations with this label"},
	{"team", "integer", "only conversations of this team"},
	{"handed_off", "boolean", "true: only conversations the bot handed to a person that no rep has answered since"},
	{"q", "string", "words that must all appear in one message (Chinese or English)"},
	{"sort", "string", "newest (default) or waiting: customers waiting for an answer, longest first"},
	{"cursor", "string", "the previous page's next"},
	{"limit", "integer", "page size, 1–500 (default 50)"},
}

// inboxRoutes are the routes of the shared inbox: its pages, live events and the answering API.
func (s *Server) inboxRoutes() []route {
	langParam := []param{{"lang", "string", "switch the page language: en or zh-CN"}}
	afterParam := []param{{"after", "integer", "only messages with an id above this"}}
	imagesParam := []param{{"images", "boolean", "load the mail's remote images"}}
	return []route{
		rawRoute(get, "/inbox", "The shared inbox page", html, s.getInboxPage).page().query(inboxParams, inboxDrillParams, langParam, inboxBulkParams),
		rawRoute(post, "/inbox/bulk", "A bulk action on ticked conversations (form: action assign, label, resolve, "+
			"reopen, export_csv or export_xlsx; id repeated; query: the inbox filters to come back to). Each obeys "+
			"the same rules as one by hand", html, s.postInboxBulk).page(),
		rawRoute(get, "/inbox/export", "Export the inbox as CSV or XLSX: the page's filters and order, every page, "+
			"only what you may see, headed in your language (id: only these ticked conversations)", "text/csv",
			s.exportInbox).page().query(inboxParams, inboxDrillParams, []param{{"format", "string", "csv or xlsx"},
			{"id", "integer", "a ticked conversation (repeat)"}}),
		rawRoute(get, "/inbox/list", "The inbox list and counts as an HTML fragment (live refresh)", html,
			s.getInboxList).query(inboxParams, inboxDrillParams, langParam, inboxBulkParams), // the page's own query, whatever it holds
		rawRoute(get, "/inbox/{id}", "A conversation's page: messages, composer, customer", html,
			s.getConversationPage).page().query(langParam),
		rawRoute(get, "/conversations/{id}", "A conversation's page, by its record path: redirects to /inbox/{id}", html,
			s.redirectConversation).page(),
		rawRoute(get, "/inbox/{id}/messages", "A conversation's timeline as an HTML fragment (live refresh)", html,
			s.getTimeline).query(afterParam),
		rawRoute(get, "/inbox/{id}/presence", "Who else has the conversation open, as an HTML fragment", html,
			s.getPresenceFragment),
		rawRoute(get, "/inbox/messages/{id}/frame", "A mail's sanitized HTML document, for its sandboxed frame",
			html, s.getMailFrame).query(imagesParam),
		rawRoute(get, "/events", "Live events (server-sent events): ids of what changed, nothing more",
			"text/event-stream", s.getEvents),

		apiRoute(get, "/api/v1/inbox", "List the inbox: conversations you can see, filtered and sorted",
			s.listInbox).query(inboxParams, inboxDrillParams),
		apiRoute(post, "/api/v1/inbox/bulk", "One action (assign, label, resolve, reopen) on several conversations, "+
			"each under the rules of one by hand; says which were refused and why", s.apiInboxBulk).in(inboxBulkBody{}),
		apiRoute(get, "/api/v1/inbox/counts", "Counts per view and per status under the inbox filters",
			s.inboxCounts).query(inboxParams, inboxDrillParams),
		apiRoute(get, "/api/v1/conversations/{id}/can-send",
			"Whether the conversation may be answered now, and why not (e.g. WeChat's 48-hour window)", s.canSend),
		apiRoute(post, "/api/v1/conversations/{id}/reply",
			"Answer through the conversation's channel (a web-form lead by email from mailbox_id; a WeChat template with template): queued in the outbox",
			s.postReply).in(replyBody{}).created(),
		apiRoute(get, "/api/v1/conversations/{id}/templates",
			"The conversation's account's templates, listed from the channel (WeChat's template and subscription messages) with their fields",
			s.listTemplates),
		apiRoute(post, "/api/v1/conversations/{id}/notes", "Add a private note (never sent)",
			s.postNote).in(noteBody{}).created(),
		apiRoute(get, "/api/v1/conversations/{id}/notes", "List a conversation's private notes", s.listNotes),
		apiRoute(put, "/api/v1/conversations/{id}/assignment", "Assign a conversation to a rep and/or team (audited)",
			s.putAssignment).in(crm.Assignment{}),
		apiRoute(put, "/api/v1/conversations/{id}/status", "Set a conversation's status; snoozed needs snoozed_until",
			s.putStatus).in(statusBody{}),
		apiRoute(put, "/api/v1/conversations/{id}/labels", "Replace a conversation's labels",
			s.putLabels).in(labelsBody{}),
		apiRoute(get, "/api/v1/labels", "Labels in use", s.listLabels),
		apiRoute(post, "/api/v1/conversations/{id}/presence",
			"Say you are viewing or typing in a conversation, or have left it", s.postPresence).in(presenceBody{}),
		apiRoute(get, "/api/v1/conversations/{id}/presence", "Who has the conversation open", s.listPresence),
		rawRoute(get, "/canned-replies", "Canned replies: the saved answers reps insert with / in the composer", html,
			s.getCannedPage).page().query(langParam),
		apiRoute(get, "/api/v1/canned-replies", "List canned replies", s.listCanned),
		apiRoute(post, "/api/v1/canned-replies", "Save a canned reply", s.createCanned).in(crm.CannedReply{}).created(),
		apiRoute(http.MethodDelete, "/api/v1/canned-replies/{id}", "Delete a canned reply (admin)",
			s.deleteCanned).admin(),
		rawRoute(get, "/api/v1/attachments/{id}", "Download a message's attachment", "application/octet-stream",
			s.getAttachment),
	}
}
