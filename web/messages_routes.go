package web

// messageParams filter GET /api/v1/messages.
var messageParams = []param{
	{"message_id", "string", "an email's Message-ID, with or without <>: a hint, several messages may carry one"},
	{"conversation_id", "integer", "only this conversation's messages"},
	{"channel", "string", "email, wechat or webform"},
	{"direction", "string", "in (from customers) or out (ours)"},
	{"contact_id", "integer", "only messages of this contact's conversations"},
	{"customer_id", "integer", "only messages of this customer's conversations"},
	{"lead_id", "integer", "only messages of this lead's conversations"},
	{"since", "date-time", "sent at or after"},
	{"until", "date-time", "sent before"},
}

// messageRoutes read messages across conversations.
func (s *Server) messageRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/messages", "List messages across the conversations you can see, newest first, "+
			"filtered (look one up by its Message-ID with message_id)", s.findMessages).query(pageParams, messageParams),
		apiRoute(get, "/api/v1/messages/{id}", "Get a message of a conversation you can see, with its links and "+
			"attachments", s.getMessage),
	}
}
