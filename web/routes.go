package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

const (
	get   = http.MethodGet
	post  = http.MethodPost
	patch = http.MethodPatch
	put   = http.MethodPut
	html  = "text/html"
	jsonT = "application/json"
)

// routeTable is Rapport's one route table: the router and openapi.json are
// both built from it.
func (s *Server) routeTable() []route {
	rs := s.coreRoutes()
	for _, more := range [][]route{s.inboxRoutes(), s.mailboxRoutes(), s.wechatRoutes(), s.formRoutes(),
		s.messageRoutes(), s.botRoutes(), s.webhookRoutes(), s.opsRoutes(), s.importRoutes(), s.pickRoutes(), s.convertRoutes(), s.moveRoutes()} {
		rs = append(rs, more...)
	}
	rs = append(rs, s.recordRoutes()...)
	rs = append(rs, s.poolRoutes()...)
	rs = append(rs, s.composeRoutes()...)
	rs = append(rs, s.productRoutes()...)
	rs = append(rs, s.satisfactionRoutes()...)
	rs = append(rs, s.meWeChatRoutes()...)
	rs = append(rs, s.reportRoutes()...)
	rs = append(rs, s.adminRoutes()...)
	rs = append(rs, s.exportRoutes()...)
	rs = append(rs, s.labelRoutes()...)
	return append(rs, s.careRoutes()...)
}

// coreRoutes are the records' API, the login and the health checks.
func (s *Server) coreRoutes() []route {
	langParam := []param{{"lang", "string", "switch the page language: en or zh-CN"}}
	nextParam := []param{{"next", "string", "where to go after logging in (a path on this site)"}}
	return []route{
		apiRoute(get, "/healthz", "Liveness: 200 while the process serves", s.healthz).open(),
		rawRoute(get, "/readyz", "Readiness: 200 when the database answers, else 503", jsonT, s.readyz).open(),
		rawRoute(get, "/api/v1/openapi.json", "This API description (OpenAPI 3.1)", jsonT, s.getOpenAPI).open(),
		rawRoute(get, "/static/{name}", "A static file, by checksum name", "text/css", s.getStatic).open(),

		rawRoute(get, "/login", "The login page", html, s.getLogin).open().query(langParam, nextParam),
		rawRoute(post, "/login", "Log in with a form (email, password, next)", html, s.postLogin).open(),
		rawRoute(post, "/logout", "End the session", html, s.postLogout).open(),
		rawRoute(get, "/", "The home page", html, s.getHome).page().query(langParam),

		apiRoute(get, "/api/v1/me", "The logged-in user", s.getMe),
		apiRoute(get, "/api/v1/users", "List users", s.listUsers),
		apiRoute(get, "/api/v1/users/{id}", "Get a user", s.getUser),
		apiRoute(post, "/api/v1/users", "Create a user (admin)", s.createUser).in(userBody{}).created().admin(),
		apiRoute(patch, "/api/v1/users/{id}", "Update a user (admin)", s.updateUser).in(userBody{}).admin(),
		apiRoute(get, "/api/v1/teams", "List teams", s.listTeams),
		apiRoute(post, "/api/v1/teams", "Create a team (admin)", s.createTeam).in(crm.Team{}).created().admin(),
		apiRoute(put, "/api/v1/teams/{id}/assignment-rule",
			"Set a team's lead round robin and its open-lead cap (admin, or the team's manager)",
			s.setAssignmentRule).in(assignmentRuleBody{}),

		apiRoute(post, "/api/v1/customers", "Create a customer", s.createCustomer).in(crm.Customer{}).created(),
		apiRoute(get, "/api/v1/customers", "List customers", s.listCustomers).
			query(pageParams, searchParam, ownerParams, customerParams, poolListParams),
		apiRoute(get, "/api/v1/customers/{id}", "Get a customer", s.getCustomer),
		apiRoute(patch, "/api/v1/customers/{id}", "Update a customer", s.updateCustomer).in(crm.Customer{}),
		apiRoute(post, "/api/v1/customers/merge",
			"Merge two customers you can see: everything of merged_id moves to survivor_id, merged_id is deleted",
			s.mergeCustomers).in(crm.Merge{}),

		apiRoute(post, "/api/v1/contacts", "Create a contact", s.createContact).in(crm.Contact{}).created(),
		apiRoute(get, "/api/v1/contacts", "List contacts", s.listContacts).
			query(pageParams, searchParam, contactParams, sortParam("contacts")),
		apiRoute(get, "/api/v1/contacts/{id}", "Get a contact", s.getContact),
		apiRoute(patch, "/api/v1/contacts/{id}", "Update a contact", s.updateContact).in(crm.Contact{}),
		apiRoute(post, "/api/v1/contacts/merge",
			"Merge two contacts you can see: everything of merged_id moves to survivor_id, merged_id is deleted",
			s.mergeContacts).in(crm.Merge{}),
		apiRoute(post, "/api/v1/duplicates",
			"Duplicate check (查重) and public search (公共检索): leads, contacts and customers matching a name, "+
				"phone, email or company, or the search box q (an email, a phone or a fragment of a name), whoever "+
				"owns them, each with the rule, value, a label, its owner and whether you may open it "+
				"(visible); one you may not open is masked", s.findDuplicates).in(crm.DupQuery{}),

		apiRoute(post, "/api/v1/leads", "Create a lead", s.createLead).in(crm.Lead{}).created(),
		apiRoute(get, "/api/v1/leads", "List leads", s.listLeads).
			query(pageParams, searchParam, ownerParams, leadParams, poolListParams),
		apiRoute(get, "/api/v1/leads/{id}", "Get a lead", s.getLead),
		apiRoute(patch, "/api/v1/leads/{id}", "Update a lead", s.updateLead).in(crm.Lead{}),

		apiRoute(post, "/api/v1/orders", "Create an order or contract", s.createOrder).in(crm.Order{}).created(),
		apiRoute(get, "/api/v1/orders", "List orders and contracts", s.listOrders).
			query(pageParams, searchParam, orderParams, sortParam("orders")),
		apiRoute(get, "/api/v1/orders/{id}", "Get an order or contract", s.getOrder),
		apiRoute(patch, "/api/v1/orders/{id}", "Update an order or contract", s.updateOrder).in(crm.Order{}),
		apiRoute(post, "/api/v1/orders/{id}/payment-plans", "Add a payment plan (instalment) to an order",
			s.createPlan).in(crm.PaymentPlan{}).created(),
		apiRoute(get, "/api/v1/orders/{id}/payment-plans", "List an order's payment plans", s.listPlans),
		apiRoute(post, "/api/v1/orders/{id}/deliveries", "Record a delivery on an order",
			s.createDelivery).in(crm.Delivery{}).created(),
		apiRoute(get, "/api/v1/orders/{id}/deliveries", "List an order's deliveries", s.listDeliveries),

		apiRoute(post, "/api/v1/payments", "Record a payment", s.createPayment).in(crm.Payment{}).created(),
		apiRoute(get, "/api/v1/payments", "List payments", s.listPayments).query(pageParams, paymentParams, sortParam("payments")),
		apiRoute(get, "/api/v1/payments/{id}", "Get a payment", s.getPayment),
		apiRoute(patch, "/api/v1/payments/{id}", "Update a payment", s.updatePayment).in(crm.Payment{}),

		apiRoute(post, "/api/v1/tasks", "Create a task", s.createTask).in(crm.Task{}).created(),
		apiRoute(get, "/api/v1/tasks", "List tasks", s.listTasks).
			query(pageParams, searchParam, taskParams, refParams, sortParam("tasks")),
		apiRoute(get, "/api/v1/tasks/{id}", "Get a task", s.getTask),
		apiRoute(patch, "/api/v1/tasks/{id}", "Update a task", s.updateTask).in(crm.Task{}),

		apiRoute(get, "/api/v1/conversations/{id}", "Get a conversation (its assignee's, or the shared inbox's)",
			s.getConversation),
		apiRoute(get, "/api/v1/conversations/{id}/messages",
			"List a conversation's messages, oldest first, with their links and each link's rule and value",
			s.listMessages).query(oldestFirstParams),
		apiRoute(post, "/api/v1/conversations/{id}/review",
			"Confirm a candidate or re-link a conversation and its messages to records you can see (audited)",
			s.resolveReview).in(reviewBody{}),
		apiRoute(get, "/api/v1/review", "The review queue: conversations the matcher could not link, "+
			"oldest first, with their candidates", s.listReview).query(oldestFirstParams),

		apiRoute(post, "/api/v1/follow-ups", "Record a follow-up", s.createFollowUp).in(crm.FollowUp{}).created(),
		apiRoute(get, "/api/v1/follow-ups", "List follow-ups", s.listFollowUps).
			query(pageParams, followUpParams, refParams),
		apiRoute(get, "/api/v1/follow-ups/{id}", "Get a follow-up", s.getFollowUp),
		apiRoute(patch, "/api/v1/follow-ups/{id}", "Update a follow-up", s.updateFollowUp).in(crm.FollowUp{}),
	}
}
