package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestServiceDrillsIntoInbox: the service report's figures link to the
// inbox list behind them (the rep's conversations, the unanswered ones,
// the resolved ones), each list holds that figure's conversations and not
// the others, and the list's next-page and filter links keep the drill.
func TestServiceDrillsIntoInbox(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	ib := p.inbox(0)
	mine := ib.mail(t, "a@customer-one.example", "询价 A", "请报价", "").ConversationID
	ib.mail(t, "b@customer-two.example", "投诉 B", "还没到货", "") // unassigned, waiting
	done := ib.mail(t, "c@customer-three.example", "咨询 C", "谢谢", "").ConversationID
	rep1 := p.id("rep1")
	for _, c := range []int64{mine, done} {
		p.call("manager", "PUT", convPath(c, "/assignment"), crm.Assignment{AssigneeID: &rep1}, 200, nil)
	}
	p.call("manager", "PUT", convPath(done, "/status"), record{"status": "resolved"}, 200, nil)

	var tab crm.ReportTable
	p.call("manager", "GET", "/api/v1/reports/service?by=rep", nil, 200, &tab)
	period := url.Values{"from": {tab.From.String()}, "to": {tab.To.String()}, "status": {"any"}}
	page := p.mustPage("manager", "/reports/service?by=rep")
	for _, c := range []struct {
		name, param, value string
		in, out            []string
	}{
		{"rep1's conversations", "user_id", strconv.FormatInt(rep1, 10), []string{"询价 A", "咨询 C"}, []string{"投诉 B"}},
		// the total row's figures: no rep filter
		{"unanswered", "waiting", "true", []string{"询价 A", "投诉 B"}, []string{"咨询 C"}},
		{"resolved", "resolved", "true", []string{"咨询 C"}, []string{"询价 A", "投诉 B"}},
	} {
		v := url.Values{}
		for k, vs := range period {
			v[k] = vs
		}
		v.Set(c.param, c.value)
		link := "/inbox?" + v.Encode()
		contains(t, "service by rep: "+c.name, page, strings.ReplaceAll(link, "&", "&amp;"))
		list := p.mustPage("manager", link)
		for _, s := range c.in {
			contains(t, c.name+" list", list, s)
		}
		for _, s := range c.out {
			if strings.Contains(list, s) {
				t.Errorf("the list behind %s holds %s", c.name, s)
			}
		}
		// The list's own links (a status filter) keep the drill.
		contains(t, c.name+" filter links", list, url.Values{c.param: {c.value}}.Encode())
	}
}
