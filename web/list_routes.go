package web

import (
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// listRoutes are one kind's list tools beside its page: the export, the
// column chooser, saved filters and bulk actions.
func listRoutes[T any](s *Server, k *recordKind[T]) []route {
	p := "/" + k.path
	return []route{
		rawRoute(get, p+"/export", "Export the "+k.path+" list as CSV or XLSX, filtered and sorted as its page, "+
			"with your columns (id: only these ticked records)", "text/csv", exportList(s, k)).page().
			query(recListParams, []param{{"format", "string", "csv or xlsx"}, {"id", "integer", "a ticked record (repeat)"}}),
		rawRoute(post, p+"/columns", "Choose the "+k.path+" list's columns (form: column, repeated, in order; none: "+
			"the defaults)", html, postColumns(s, k)).page().query(recLangParam),
		rawRoute(post, p+"/filters", "Save the "+k.path+" list's filters and sort under a name (form: name, query, "+
			"share with your team)", html, s.postSavedFilter(k.path)).page().query(recLangParam),
		rawRoute(post, p+"/filters/{id}/delete", "Delete one of your saved filters (form)", html,
			s.postDeleteSavedFilter(k.path)).page().query(recLangParam),
		rawRoute(post, p+"/bulk", "A bulk action on ticked "+k.path+" or on all the list's filter matches (form: "+
			"action assign, status or export; id repeated, or all with query)", html, bulkAction(s, k)).page().query(recLangParam),
	}
}

// sortParam documents a list's sort.
func sortParam(kind string) []param {
	return []param{{"sort", "string", "order by " + strings.Join(crm.SortKeys[kind], ", ") +
		" (- in front: descending); ties go by id. Default: newest first"}}
}

// exportRoutes are the API lists' /export siblings: the same filters and
// sort as the list, the whole list as one CSV or XLSX file, streamed.
func (s *Server) exportRoutes() []route {
	ex := func(path, what string, ps ...[]param) route {
		return rawRoute(get, "/api/v1/"+path+"/export", "Export "+what+" as CSV or XLSX: the list's filters and "+
			"sort, every page, only what you may see, headed in your language", "text/csv", nil).query(ps...).
			query(exportFormatParam)
	}
	rs := []route{
		ex("customers", "customers", searchParam, ownerParams, customerParams, poolListParams),
		ex("contacts", "contacts", searchParam, contactParams, sortParam("contacts")),
		ex("leads", "leads", searchParam, ownerParams, leadParams, poolListParams),
		ex("orders", "orders and contracts", searchParam, orderParams, sortParam("orders")),
		ex("payments", "payments", paymentParams, sortParam("payments")),
		ex("tasks", "tasks", searchParam, taskParams, refParams, sortParam("tasks")),
		ex("products", "the product catalogue", searchParam, productParams, sortParam("products")),
		ex("messages", "messages across the conversations you can see, newest first", messageParams),
		ex("follow-ups", "follow-ups (跟进)", followUpParams, refParams),
	}
	rs[0].raw = apiExport(s, "customers", ptrColumns(s.customerPages().columns), s.listCustomers)
	rs[1].raw = apiExport(s, "contacts", ptrColumns(s.contactPages().columns), s.listContacts)
	rs[2].raw = apiExport(s, "leads", ptrColumns(s.leadPages().columns), s.listLeads)
	rs[3].raw = apiExport(s, "orders", ptrColumns(s.orderPages().columns), s.listOrders)
	rs[4].raw = apiExport(s, "payments", ptrColumns(s.paymentPages().columns), s.listPayments)
	rs[5].raw = apiExport(s, "tasks", ptrColumns(s.taskPages().columns), s.listTasks)
	rs[6].raw = apiExport(s, "products", ptrColumns(s.productPages().columns), s.listProducts)
	rs[7].raw = apiExport(s, "messages", messageColumns, s.findStoredMessages)
	rs[8].raw = apiExport(s, "follow-ups", followUpColumns, s.listFollowUps)
	return rs
}

// ptrColumns are a kind's columns for a list of pointers.
func ptrColumns[T any](cols []column[T]) []column[*T] {
	out := make([]column[*T], len(cols))
	for i, col := range cols {
		out[i] = column[*T]{key: col.key, cell: func(c *cells, rec **T) string { return col.cell(c, *rec) }}
	}
	return out
}
