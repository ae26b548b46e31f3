package web

// reportRoutes are the reports' API and pages, the dashboards, the audit
// log and queue, and lead conversion (which the funnel counts).
func (s *Server) reportRoutes() []route {
	formatParam := []param{{"format", "string", "csv or xlsx"}, {"lang", "string", "the header's language: en or zh-CN"}}
	return []route{
		apiRoute(get, "/api/v1/reports", "The reports and the dimensions and measures each accepts", s.reportsIndex),
		apiRoute(get, "/api/v1/reports/{report}", "One report (sales, receivables, workload, funnel, service) over "+
			"the records you may see: its columns, rows, total and comparison", s.runReport).query(reportParams),
		rawRoute(get, "/api/v1/reports/{report}/export", "A report's table as CSV or XLSX", "text/csv",
			s.exportReport).query(reportParams, formatParam),
		rawRoute(get, "/reports", "Reports (page): opens the first", html, s.getReportsIndex).page(),
		rawRoute(get, "/reports/audit", "The follow-up audit queue (稽核) and the audit log (page; managers and admins)",
			html, s.getAuditPage).page().query(reportParams, recLangParam),
		rawRoute(post, "/reports/audit/{id}", "Review a follow-up (form)", html, s.postReviewPage).page().
			query(reportParams),
		rawRoute(get, "/reports/{report}", "One report with its chart, table and exports (page)", html,
			s.getReportPage).page().query(reportParams, recLangParam),
		rawRoute(get, "/dashboard", "This week's figures: a manager's team, a rep's own (page)", html,
			s.getDashboard).page().query(recLangParam),
		apiRoute(get, "/api/v1/audit", "The audit log, newest first, filtered by record, user and action "+
			"(admins: all; managers: their team's)", s.listAudit).query(pageParams, auditParams),
		apiRoute(get, "/api/v1/audit/queue", "Follow-ups sampled for review (稽核) over a period, unreviewed first "+
			"(managers and admins)", s.auditQueue).query(reportParams),
		apiRoute(post, "/api/v1/follow-ups/{id}/review", "Review a follow-up: ok or questioned, with a note (audited)",
			s.reviewFollowUp).in(followUpReviewBody{}).created(),
	}
}
