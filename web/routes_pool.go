package web

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// poolRoutes are the pool's API (claim, release, assign, freeze for leads
// and customers; rules and limits) and the revisit lists.
func (s *Server) poolRoutes() []route {
	// Closures, not method values: the store may be nil when only the
	// route table is wanted (openapi.json).
	lead := func(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error) { return s.store.Lead(ctx, v, id) }
	customer := func(ctx context.Context, v crm.Viewer, id int64) (*crm.Customer, error) {
		return s.store.Customer(ctx, v, id)
	}
	rs := poolActions(s, crm.RefLead, "leads", lead)
	rs = append(rs, poolActions(s, crm.RefCustomer, "customers", customer)...)
	rs = append(rs, s.poolFormRoutes("leads", crm.RefLead)...)
	rs = append(rs, s.poolFormRoutes("customers", crm.RefCustomer)...)
	rs = append(rs,
		rawRoute(get, "/pool", "The pool: its lists, rules and limits", html, s.getPool).page().query(recLangParam),
		rawRoute(post, "/pool/rules", "Add a pool rule (form)", html, s.postPoolRule).page(),
		rawRoute(post, "/pool/rules/{id}/delete", "Delete a pool rule (form)", html, s.postPoolRuleDelete).page(),
		rawRoute(post, "/pool/limits", "Set the default pool's limits (form)", html, s.postPoolLimits).page(),
		rawRoute(get, "/revisits", "Revisit lists: lost customers and overdue repurchase", html, s.getRevisits).
			page().query(recLangParam, []param{{"level", "string", "only this level"}, {"region", "string", "only this region"},
			{"created", "integer", "how many revisit tasks were just created"}}),
		rawRoute(post, "/revisits/tasks", "Create revisit tasks for the chosen customers (form)", html, s.postRevisitTasks).page(),
	)
	return append(rs,
		apiRoute(get, "/api/v1/pool/rules", "List the pool rules (reclaim per pool, kind and level)", s.listPoolRules),
		apiRoute(post, "/api/v1/pool/rules", "Add a pool rule (admin; a manager for their team's pool); "+
			"400 names a bad field", s.createPoolRule).in(crm.PoolRule{}).created(),
		apiRoute(patch, "/api/v1/pool/rules/{id}", "Change a pool rule; countdowns follow at once",
			s.updatePoolRule).in(crm.PoolRule{}),
		apiRoute(del, "/api/v1/pool/rules/{id}", "Delete a pool rule", s.deletePoolRule),
		apiRoute(get, "/api/v1/pool/limits", "The limits that apply in a pool: caps, daily claims, cooldown",
			s.getPoolLimits).query(poolLimitParams),
		apiRoute(put, "/api/v1/pool/limits", "Set a pool's limits (admin; a manager for their team's pool)",
			s.setPoolLimits).in(crm.PoolLimits{}),
		apiRoute(get, "/api/v1/revisits/lost", "Lost customers (流失): status lost, or no order for N days",
			s.listLost).query(revisitParams),
		apiRoute(get, "/api/v1/revisits/repurchase", "Customers overdue on their own repurchase interval (逾期未采购)",
			s.listRepurchase).query(revisitParams),
		apiRoute(post, "/api/v1/revisits/tasks", "Create a revisit task per customer for its owner",
			s.createRevisitTasks).in(revisitTasksBody{}).created(),
	)
}
