package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) leadPages() *recordKind[crm.Lead] {
	status := field{Name: "status", Type: "select", Options: []string{crm.LeadNew, crm.LeadContacted,
		crm.LeadQualified, crm.LeadConverted, crm.LeadLost}}
	return &recordKind[crm.Lead]{
		path: "leads", one: "rec.lead", res: s.leads, pool: true, dupQuery: leadDups,
		tags: func(l *crm.Lead) []string { return l.Tags },
		fields: []field{{Name: "name"}, {Name: "company"}, {Name: "title", Label: "job_title"}, {Name: "phone"},
			{Name: "email", Type: "email"}, status, ownerField, {Name: "tags", Type: "lines"}, notesField},
		columns: []column[crm.Lead]{
			{"field.name", func(_ *cells, l *crm.Lead) string { return l.Name }},
			{"field.company", func(_ *cells, l *crm.Lead) string { return l.Company }},
			{"field.status", func(c *cells, l *crm.Lead) string { return c.selectOption("status", l.Status) }},
			{"field.source", func(c *cells, l *crm.Lead) string { return c.t("channel." + l.Source.Channel) }},
			{"field.owner_id", func(c *cells, l *crm.Lead) string { return ownerColumn(c, l.OwnerID) }},
			{"pool.days_left", func(c *cells, l *crm.Lead) string { return s.daysLeft(c, l.PoolState) }},
			{"field.tags", func(_ *cells, l *crm.Lead) string { return strings.Join(l.Tags, ", ") }},
		},
		filters: []field{ownerFilter, status, countdownFilter},
		query: func(r *http.Request, f listFilter) listQuery[crm.Lead] {
			v := viewerOf(r)
			owner, pool := f.ownerID(v)
			lf := crm.LeadFilter{Viewer: v, Query: f.Query, Status: f.Status, OwnerID: owner, InPool: pool, Tag: f.Tag,
				Page: f.Page, PoolFilter: s.listPool(f)}
			_, off := s.today()
			f.Drill.leadFilter(&lf, off)
			return bindList(r, lf, func(f *crm.LeadFilter, p crm.Page) { f.Page = p }, s.store.ListLeads,
				countBy(s, crm.ListCounter.CountLeads))
		},
		title: func(l *crm.Lead) string { return firstOf(l.Name, l.Company, l.Email, l.Phone) },
		panel: func(c *cells, v crm.Viewer, l *crm.Lead) *poolPanel {
			return s.panelOf(c, v, "/leads/"+strconv.FormatInt(l.ID, 10), l.OwnerID, l.PoolState)
		},
		links: func(c *cells, l *crm.Lead) []navLink {
			id := strconv.FormatInt(l.ID, 10)
			return append(c.newLinks("/leads/"+id, "rec.task.new", "/tasks/new?refs=lead:"+id), c.composeLink("leads", id))
		},
		extra: func(ctx context.Context, v crm.Viewer, l *crm.Lead) (any, error) {
			return s.gather360(ctx, v, nil, nil, 0, l)
		},
		actions: func(c *cells, l *crm.Lead) []rowAction {
			if l.OwnerID != nil {
				return nil
			}
			return []rowAction{{Label: c.t("lead.claim"), URL: "/leads/" + strconv.FormatInt(l.ID, 10) + "/claim"}}
		},
	}
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
