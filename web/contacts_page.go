package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) contactPages() *recordKind[crm.Contact] {
	return &recordKind[crm.Contact]{
		path: "contacts", one: "rec.contact", res: s.contacts,
		dupQuery: contactDups, merge: s.mergeContactInto,
		tags: func(c *crm.Contact) []string { return c.Tags },
		fields: []field{{Name: "name", Need: true}, {Name: "title", Label: "job_title"}, {Name: "customer_id", Type: "id", Pick: "customers"},
			{Name: "emails", Type: "lines"}, {Name: "phones", Type: "lines"}, {Name: "birthday", Type: "date"},
			followOwnerField, {Name: "tags", Type: "lines"}, notesField},
		columns: []column[crm.Contact]{
			{"field.name", func(_ *cells, c *crm.Contact) string { return c.Name }},
			{"field.customer_id", func(cs *cells, c *crm.Contact) string { return cs.customerOf(c.CustomerID) }},
			{"field.phones", func(_ *cells, c *crm.Contact) string { return strings.Join(c.Phones, ", ") }},
			{"field.emails", func(_ *cells, c *crm.Contact) string { return strings.Join(c.Emails, ", ") }},
			{"field.owner_id", func(cs *cells, c *crm.Contact) string { return ownerColumn(cs, c.OwnerID) }},
			{"field.tags", func(_ *cells, c *crm.Contact) string { return strings.Join(c.Tags, ", ") }},
		},
		filters: []field{ownerFilter},
		query: func(r *http.Request, f listFilter) listQuery[crm.Contact] {
			v := viewerOf(r)
			owner, _ := f.ownerID(v)
			cf := crm.ContactFilter{Viewer: v, Query: f.Query, OwnerID: owner, Page: f.Page, Tag: f.Tag}
			return bindList(r, cf, func(f *crm.ContactFilter, p crm.Page) { f.Page = p }, s.store.ListContacts,
				countBy(s, crm.ListCounter.CountContacts))
		},
		title: func(c *crm.Contact) string { return c.Name },
		extra: func(ctx context.Context, v crm.Viewer, c *crm.Contact) (any, error) {
			return s.gather360(ctx, v, &c.ID, c.CustomerID, 0, nil)
		},
		links: func(cs *cells, c *crm.Contact) []navLink {
			id := strconv.FormatInt(c.ID, 10)
			return append(cs.newLinks("/contacts/"+id, "rec.task.new", "/tasks/new?refs=contact:"+id), cs.composeLink("contacts", id))
		},
	}
}

// customerOf names an optional customer, "" for none.
func (c *cells) customerOf(id *int64) string {
	if id == nil {
		return ""
	}
	return c.customer(idString(id))
}
