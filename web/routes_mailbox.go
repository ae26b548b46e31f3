package web

// mailboxRoutes are the routes of email mailbox accounts: their admin API.
func (s *Server) mailboxRoutes() []route {
	return nil
}
