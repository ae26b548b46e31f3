package web

// recordRoutes are the record pages: a list, a form and a detail page for
// each kind, and the one-step actions of the lists and the 360° panel.
func (s *Server) recordRoutes() []route {
	rs := concatRoutes(
		kindRoutes(s, s.customerPages()), kindRoutes(s, s.contactPages()), kindRoutes(s, s.leadPages()),
		kindRoutes(s, s.orderPages()), kindRoutes(s, s.paymentPages()), kindRoutes(s, s.taskPages()),
		kindRoutes(s, s.followUpPages()), kindRoutes(s, s.productPages()), s.dealerRoutes(), s.figureListRoutes(),
	)
	return append(rs,
		rawRoute(get, "/search", "Public search (公共检索): the form", html, s.getPublicSearch).page().query(recLangParam),
		rawRoute(post, "/search", "Public search (公共检索): everyone's leads and customers matching a name, "+
			"company, phone or email, masked where you may not open them, with a claim button for the pool",
			html, s.postPublicSearch).page().query(recLangParam),
		rawRoute(post, "/orders/{id}/plans", "Add a payment plan to an order (form)", html, s.postPlan).page().query(recLangParam),
	)
}

var (
	recLangParam = []param{{"lang", "string", "switch the page language: en or zh-CN"}}
	recBackParam = []param{{"next", "string", "where to go after saving (a path on this site)"}}
)

// kindRoutes are one kind's six pages.
func kindRoutes[T any](s *Server, k *recordKind[T]) []route {
	p, one := "/"+k.path, "a "+k.path[:len(k.path)-1]
	return append(listRoutes(s, k),
		rawRoute(get, p, "List "+k.path+" (page)", html, listPage(s, k)).page().query(recListParams),
		rawRoute(get, p+"/new", "The form to create "+one, html, formPage(s, k, true)).page().
			query(recLangParam, recBackParam, prefillParams(k.fields)),
		rawRoute(post, p, "Create "+one+" (form)", html, savePage(s, k, true)).page().query(recLangParam),
		rawRoute(get, p+"/{id}", "Show "+one+" (page)", html, showPage(s, k)).page().query(recLangParam),
		rawRoute(get, p+"/{id}/edit", "The form to edit "+one, html, formPage(s, k, false)).page().
			query(recLangParam, recBackParam),
		rawRoute(post, p+"/{id}", "Update "+one+" (form)", html, savePage(s, k, false)).page().query(recLangParam),
	)
}

// prefillParams let a link open a new record's form with fields filled in,
// such as a new contact's customer.
func prefillParams(fields []field) []param {
	var ps []param
	for _, f := range fields {
		if f.Type == "id" || f.Type == "select" || f.Type == "refs" {
			ps = append(ps, param{f.Name, "string", "prefill the form's " + f.Name})
		}
	}
	return ps
}

func concatRoutes(groups ...[]route) []route {
	var out []route
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
