package web

// wechatRoutes are the routes of WeChat official accounts: the callback and the accounts' admin API.
func (s *Server) wechatRoutes() []route {
	return nil
}
