package web

import (
	"strconv"

	"github.com/rapport-crm/rapport/crm"
	"strings"
	"time"
)

// messageColumns are a message export's columns: one line per message,
// its text in full (a spreadsheet cell holds 32,767 characters; longer
// text is cut there by the spreadsheet, not by us).
var messageColumns = []column[*crm.Message]{
	{"msg.col.sent_at", func(_ *cells, m **crm.Message) string {
		return (*m).SentAt.In(time.Local).Format("2006-01-02 15:04:05")
	}},
	{"msg.col.conversation", func(_ *cells, m **crm.Message) string { return strconv.FormatInt((*m).ConversationID, 10) }},
	{"msg.col.channel", func(c *cells, m **crm.Message) string { return c.t("channel." + (*m).Channel) }},
	{"msg.col.direction", func(c *cells, m **crm.Message) string { return c.t("msg.dir." + (*m).Direction) }},
	{"msg.col.from", func(_ *cells, m **crm.Message) string { return address((*m).From.Name, (*m).From.Address) }},
	{"msg.col.to", func(_ *cells, m **crm.Message) string {
		parts := make([]string, len((*m).To))
		for i, a := range (*m).To {
			parts[i] = address(a.Name, a.Address)
		}
		return strings.Join(parts, ", ")
	}},
	{"msg.col.subject", func(_ *cells, m **crm.Message) string { return (*m).Subject }},
	{"msg.col.text", func(_ *cells, m **crm.Message) string { return (*m).Text }},
}

func address(name, addr string) string {
	if name == "" || name == addr {
		return addr
	}
	return name + " <" + addr + ">"
}

// followUpColumns are a follow-up export's columns: when, who, how, what,
// the next step and the records it is about, by name.
var followUpColumns = []column[*crm.FollowUp]{
	{"field.at", func(_ *cells, f **crm.FollowUp) string { return (*f).At.In(time.Local).Format("2006-01-02 15:04") }},
	{"field.user_id", func(c *cells, f **crm.FollowUp) string { return c.user(strconv.FormatInt((*f).UserID, 10)) }},
	{"field.method", func(c *cells, f **crm.FollowUp) string { return c.selectOption("method", (*f).Method) }},
	{"field.result", func(_ *cells, f **crm.FollowUp) string { return (*f).Result }},
	{"field.details", func(_ *cells, f **crm.FollowUp) string { return (*f).Details }},
	{"field.next_step", func(_ *cells, f **crm.FollowUp) string { return (*f).NextStep }},
	{"field.next_at", func(_ *cells, f **crm.FollowUp) string { return localTime((*f).NextAt) }},
	{"field.refs", func(c *cells, f **crm.FollowUp) string {
		refs := make([]string, len((*f).Refs))
		for i, r := range (*f).Refs {
			refs[i] = r.Kind + ":" + strconv.FormatInt(r.ID, 10)
		}
		return c.refs(refs)
	}},
}
