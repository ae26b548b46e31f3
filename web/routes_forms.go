package web

// formRoutes are the routes of web forms: capture, the hosted page and the forms' admin API.
func (s *Server) formRoutes() []route {
	return nil
}
