package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// recordHub is what a customer's, contact's or lead's own page shows below
// its fields beside the 360° panel: the customer's contacts, what it still
// owes, a lead's source and conversion, and one timeline of everything.
type recordHub struct {
	Subject     crm.Ref
	Contacts    []*crm.Contact
	Outstanding []string // "12,250.00 CNY", one per currency
	Timeline    []timelineRow
	Next, First string // the timeline's older page and its newest
	Source      []sourceRow
	Converted   *convertedTo // a converted lead: where it went
	CanConvert  bool
}

// timelineRow is a timeline entry as the page shows it.
type timelineRow struct {
	crm.TimelineEntry
	When, Label, URL, Money string
}

// sourceRow is one line of a lead's source: channel, form, UTM, QR scene.
type sourceRow struct{ Label, Value string }

// convertedTo names the customer and contact a lead became.
type convertedTo struct {
	CustomerID, ContactID     int64
	CustomerName, ContactName string
}

// timelineStore is the store's timeline (sqlstore.DB has it).
type timelineStore interface {
	crm.TimelineStore
	crm.LeadConversationStore
	crm.LeadConverter
}

// hubPageSize is how many timeline entries a record page shows at once.
const hubPageSize = 30

// fillHub adds the hub to a record page's panel for subject.
func (s *Server) fillHub(r *http.Request, p *customer360, subject crm.Ref) error {
	ts, ok := s.store.(timelineStore)
	if !ok {
		return nil
	}
	ctx, v := r.Context(), viewerOf(r)
	h := &recordHub{Subject: subject}
	p.Hub = h
	steps := []func(context.Context, crm.Viewer, *customer360) error{s.hubContacts, s.hubOutstanding}
	if subject.Kind == crm.RefLead {
		steps = []func(context.Context, crm.Viewer, *customer360) error{s.hubLead}
	}
	for _, step := range steps {
		if err := step(ctx, v, p); err != nil {
			return err
		}
	}
	cursor := r.URL.Query().Get("timeline")
	page, err := ts.Timeline(ctx, crm.TimelineQuery{Viewer: v, Subject: subject, Cursor: cursor, Limit: hubPageSize})
	if err != nil {
		return err
	}
	for _, e := range page.Items {
		h.Timeline = append(h.Timeline, p.timelineRow(e))
	}
	h.Next, h.First = timelineURLs(r, page.Next, cursor)
	return nil
}

// hubSubject is the record a page of kind path is about.
func (p *customer360) hubSubject(path string) (crm.Ref, bool) {
	switch {
	case path == "customers" && p.Customer != nil:
		return crm.Ref{Kind: crm.RefCustomer, ID: p.Customer.ID}, true
	case path == "contacts" && p.Contact != nil:
		return crm.Ref{Kind: crm.RefContact, ID: p.Contact.ID}, true
	case path == "leads" && p.Lead != nil:
		return crm.Ref{Kind: crm.RefLead, ID: p.Lead.ID}, true
	}
	return crm.Ref{}, false
}

// timelineURLs are the links to the timeline's older page and back to its
// newest, keeping the page's other parameters.
func timelineURLs(r *http.Request, next, cursor string) (older, newest string) {
	q := r.URL.Query()
	q.Del("lang")
	if cursor != "" {
		q.Del("timeline")
		newest = pageURL(r.URL.Path, q) + "#timeline"
	}
	if next != "" {
		q.Set("timeline", next)
		older = pageURL(r.URL.Path, q) + "#timeline"
	}
	return older, newest
}

// timelineRow translates an entry and links it to its record.
func (p *customer360) timelineRow(e crm.TimelineEntry) timelineRow {
	row := timelineRow{TimelineEntry: e, When: e.At.In(time.Local).Format("2006-01-02 15:04"),
		Label: p.T("timeline." + e.Kind)}
	id, ref := strconv.FormatInt(e.ID, 10), strconv.FormatInt(e.Ref, 10)
	switch e.Kind {
	case crm.TimelineMessage:
		row.URL, row.Tag = "/inbox/"+ref+"#m"+id, p.T("dir."+e.Tag)
	case crm.TimelineFollowUp:
		row.Tag = p.T("opt.method." + e.Tag)
	case crm.TimelineTask:
		row.URL, row.Tag = "/tasks/"+id, p.T("opt.status."+e.Tag)
	case crm.TimelineOrder:
		row.URL, row.Tag, row.Money = "/orders/"+id, p.T("opt.kind."+e.Tag), moneyText(int64(e.Amount))
	case crm.TimelinePayment:
		row.URL, row.Tag, row.Money = "/orders/"+ref, p.T("opt.method."+e.Tag), moneyText(int64(e.Amount))
	case crm.TimelineChange:
		_, verb, _ := strings.Cut(e.Title, ".")
		row.Title = translateOr(p.Lang, "audit."+verb, e.Title)
	}
	return row
}

// hubContacts lists the customer's contacts (a customer page's).
func (s *Server) hubContacts(ctx context.Context, v crm.Viewer, p *customer360) error {
	if p.Hub.Subject.Kind != crm.RefCustomer || p.Customer == nil {
		return nil
	}
	l, err := s.store.ListContacts(ctx, crm.ContactFilter{Viewer: v, CustomerID: &p.Customer.ID, Page: crm.Page{Limit: 50}})
	p.Hub.Contacts = l.Items
	return err
}

// hubOutstanding sums what the customer's open orders still owe, per
// currency (the panel's Due lists each instalment).
func (s *Server) hubOutstanding(_ context.Context, _ crm.Viewer, p *customer360) error {
	sums := map[string]crm.Money{}
	var order []string
	for _, d := range p.Due {
		if _, ok := sums[d.Order.Currency]; !ok {
			order = append(order, d.Order.Currency)
		}
		sums[d.Order.Currency] += d.Owed
	}
	slices.Sort(order)
	for _, c := range order {
		p.Hub.Outstanding = append(p.Hub.Outstanding, moneyIn(sums[c], c))
	}
	return nil
}
