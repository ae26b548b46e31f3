package web

// inboxRoutes are the routes of the shared inbox: its pages, live events and the answering API.
func (s *Server) inboxRoutes() []route {
	return nil
}
