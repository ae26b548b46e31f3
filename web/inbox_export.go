package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// inboxColumns are the columns of the inbox's export, headed in the
// user's language.
var inboxColumns = []string{"inbox.col.id", "inbox.channel", "inbox.col.from", "inbox.col.subject",
	"inbox.statuses", "conv.assignee", "conv.team", "inbox.col.labels", "inbox.col.last", "inbox.col.preview"}

// exportInbox writes the inbox as CSV or XLSX with the page's filters and
// order, every page of it, or the ticked conversations alone (id=…); only
// what the viewer may see, read a page at a time as it is written.
func (s *Server) exportInbox(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if !slices.Contains(tabular.Formats, format) {
		s.writeError(w, r, invalid("format", "must be csv or xlsx"))
		return
	}
	ib, err := s.inbox()
	var q crm.InboxQuery
	if err == nil {
		q, err = inboxPageQuery(r)
	}
	var c *cells
	if err == nil {
		c, err = s.newCells(r.Context(), viewerOf(r), langOf(r))
	}
	var teams []*crm.Team
	if err == nil {
		teams, err = s.store.ListTeams(r.Context())
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q.Limit = crm.MaxPageLimit
	walk := func(each func(*crm.InboxItem) error) error { return inboxPages(r, ib, q, each) }
	if ids := r.URL.Query()["id"]; len(ids) > 0 {
		walk = func(each func(*crm.InboxItem) error) error { return tickedConversations(r, s, c, ids, each) }
	}
	header := make([]string, len(inboxColumns))
	for i, k := range inboxColumns {
		header[i] = c.t(k)
	}
	startDownload(w, format, "rapport-inbox-"+s.now().Format("20060102-1504"))
	tw, err := tabular.New(format, w, c.t("inbox.title"), header)
	if err == nil {
		err = walk(func(it *crm.InboxItem) error { return tw.Row(inboxRow(c, teams, it)) })
	}
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		s.log.Error("inbox export", "err", err) // the header is sent: log only
	}
}

// inboxPages walks every page of the inbox under q.
func inboxPages(r *http.Request, ib crm.InboxStore, q crm.InboxQuery, each func(*crm.InboxItem) error) error {
	for {
		p, err := ib.Inbox(r.Context(), q)
		if err != nil {
			return err
		}
		for _, it := range p.Items {
			if err := each(it); err != nil {
				return err
			}
		}
		if p.Next == "" {
			return nil
		}
		q.Cursor = p.Next
	}
}

// tickedConversations walks the ticked conversations the viewer may see,
// in the order given; the others are left out, as the list leaves them.
// Who wrote is the linked contact's or lead's name, else the account.
func tickedConversations(r *http.Request, s *Server, c *cells, ids []string, each func(*crm.InboxItem) error) error {
	for _, v := range ids {
		id, err := parseID(v)
		if err != nil {
			continue
		}
		conv, err := s.store.Conversation(r.Context(), viewerOf(r), id)
		if crm.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		it := &crm.InboxItem{Conversation: *conv}
		if conv.ContactID != nil {
			it.From = c.named(crm.RefContact, itoa64(*conv.ContactID))
		} else if conv.LeadID != nil {
			it.From = c.named(crm.RefLead, itoa64(*conv.LeadID))
		}
		if err := each(it); err != nil {
			return err
		}
	}
	return nil
}

// inboxRow is one conversation's cells, in inboxColumns' order.
func inboxRow(c *cells, teams []*crm.Team, it *crm.InboxItem) []tabular.Cell {
	assignee, team := c.t("conv.nobody"), ""
	if it.AssigneeID != nil {
		assignee = c.user(strconv.FormatInt(*it.AssigneeID, 10))
	}
	for _, t := range teams {
		if it.TeamID != nil && t.ID == *it.TeamID {
			team = t.Name
		}
	}
	return []tabular.Cell{tabular.Number(float64(it.ID)), tabular.Text(c.t("channel." + it.Channel)),
		tabular.Text(firstOf(it.From, it.Account)), tabular.Text(it.Subject), tabular.Text(c.t("status." + it.Status)),
		tabular.Text(assignee), tabular.Text(team), tabular.Text(strings.Join(it.Labels, ", ")),
		tabular.Text(it.LastMessageAt.In(time.Local).Format("2006-01-02 15:04")), tabular.Text(it.Preview)}
}
