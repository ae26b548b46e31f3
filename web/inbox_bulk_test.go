package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestInboxBulkActionsObeyTheRole: a rep ticks three conversations, one of
// which is another rep's and hidden from her; each bulk action changes the
// two she may change and is refused on the third, which stays as it was.
// The page shows the total under its filters; the export writes what the
// filters match, or the ticked conversations alone.
func TestInboxBulkActionsObeyTheRole(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	in := p.inbox(0)
	var ids []int64
	for _, from := range []string{"a@kunde.example", "b@kunde.example", "c@kunde.example"} {
		ids = append(ids, in.mail(t, from, "询价 "+from, "请报价", "").ConversationID)
	}
	a, b, c := ids[0], ids[1], ids[2]
	p.call("admin", "PUT", convPath(c, "/assignment"), crm.Assignment{AssigneeID: ptr(p.id("rep3")), TeamID: &p.teamB}, 200, nil)

	page := p.mustPage("rep1", "/inbox?status=any&lang=zh-CN")
	contains(t, "the inbox", page, `data-total="2"`, "共 2 个会话", `form="inbox-bulk"`, "/inbox/export?")
	bulk := func(form url.Values, done, failed int) {
		t.Helper()
		form.Set("query", "status=any&view=all")
		for _, id := range ids {
			form.Add("id", strconv.FormatInt(id, 10))
		}
		loc := p.saved("rep1", "/inbox/bulk", form)
		if !strings.Contains(loc, "done="+strconv.Itoa(done)) || !strings.Contains(loc, "failed="+strconv.Itoa(failed)) {
			t.Fatalf("%s: back to %q, want done=%d failed=%d", form.Get("action"), loc, done, failed)
		}
	}
	conv := func(id int64) *crm.Conversation {
		t.Helper()
		cv, err := p.db.Conversation(context.Background(), crm.System, id)
		if err != nil {
			t.Fatal(err)
		}
		return cv
	}
	bulk(url.Values{"action": {"assign"}, "assignee_id": {strconv.FormatInt(p.id("rep2"), 10)}}, 0, 3) // a rep assigns no one else
	bulk(url.Values{"action": {"assign"}, "assignee_id": {strconv.FormatInt(p.id("rep1"), 10)}}, 2, 1)
	bulk(url.Values{"action": {"label"}, "label": {"重点"}}, 2, 1)
	bulk(url.Values{"action": {"resolve"}}, 2, 1)
	for _, id := range []int64{a, b} {
		if cv := conv(id); cv.AssigneeID == nil || *cv.AssigneeID != p.id("rep1") || !slices.Contains(cv.Labels, "重点") ||
			cv.Status != crm.ConvResolved {
			t.Errorf("conversation %d: %+v, want rep1's, labelled 重点, resolved", id, cv)
		}
	}
	if cv := conv(c); *cv.AssigneeID != p.id("rep3") || len(cv.Labels) != 0 || cv.Status != crm.ConvOpen {
		t.Errorf("rep3's conversation changed: %+v", cv)
	}
	bulk(url.Values{"action": {"reopen"}}, 2, 1)
	if conv(a).Status != crm.ConvOpen {
		t.Errorf("reopen left %q", conv(a).Status)
	}
	page = p.mustPage("rep1", "/inbox?status=any&view=all&done=2&failed=1&lang=zh-CN")
	contains(t, "the inbox after a bulk action", page, "完成：已修改 2 条，1 条未修改")
	// The live refresh asks for the list with the page's own query.
	if st, _ := p.page("rep1", "/inbox/list?status=any&view=all&done=2&failed=1&lang=zh-CN"); st != http.StatusOK {
		t.Errorf("the live refresh after a bulk action: %d", st)
	}

	// Refusals come back in the page's language.
	res, body := postIn(p, "zh-CN", "rep1", "/inbox/bulk", url.Values{"action": {"resolve"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请至少勾选一个会话") {
		t.Errorf("no ticks: %d\n%s", res.StatusCode, body)
	}

	rows := inboxCSV(t, p, "/inbox/export?status=any&format=csv")
	if len(rows) != 3 || rows[0][0] != "编号" || rows[0][2] != "来自" {
		t.Fatalf("export of the filters: %q", rows)
	}
	for _, r := range rows[1:] {
		if r[7] != "重点" || r[5] != "Rep1" || r[4] != "待处理" {
			t.Errorf("row %q: want rep1's labelled open conversation", r)
		}
	}
	loc := p.saved("rep1", "/inbox/bulk", url.Values{"action": {"export_csv"}, "id": {strconv.FormatInt(a, 10), strconv.FormatInt(c, 10)}})
	rows = inboxCSV(t, p, loc)
	if len(rows) != 2 || rows[1][0] != strconv.FormatInt(a, 10) || rows[1][2] == "" {
		t.Errorf("export of the ticked (%s): %q, want conversation %d alone", loc, rows, a)
	}
	req := p.withCookie(p.cookie("rep1"), "GET", "/inbox/export?format=xlsx", nil)
	res, xlsx := p.send(req)
	if res.StatusCode != 200 || !strings.HasPrefix(string(xlsx), "PK") {
		t.Errorf("XLSX: %d %q", res.StatusCode, xlsx[:min(len(xlsx), 20)])
	}
}

// inboxCSV reads an inbox export as rep1, in Chinese.
func inboxCSV(t *testing.T, p *pager, path string) [][]string {
	t.Helper()
	req := p.withCookie(p.cookie("rep1"), "GET", path, nil)
	req.Header.Set("Accept-Language", "zh-CN")
	res, b := p.send(req)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("GET %s: %d %s\n%s", path, res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestInboxBulkAPI: the bulk action in JSON obeys the same rules and says
// which conversations were refused and why.
func TestInboxBulkAPI(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	in := p.inbox(0)
	var ids []int64
	for _, from := range []string{"d@kunde.example", "e@kunde.example"} {
		ids = append(ids, in.mail(t, from, "询价 "+from, "请报价", "").ConversationID)
	}
	p.call("admin", "PUT", convPath(ids[1], "/assignment"), crm.Assignment{AssigneeID: ptr(p.id("rep3")), TeamID: &p.teamB}, 200, nil)
	var got struct {
		Done    int `json:"done"`
		Failed  int `json:"failed"`
		Refused []struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		} `json:"refused"`
	}
	p.call("rep1", "POST", "/api/v1/inbox/bulk", map[string]any{"action": "label", "label": "加急", "ids": ids}, 200, &got)
	if got.Done != 1 || got.Failed != 1 || len(got.Refused) != 1 || got.Refused[0].ID != ids[1] || got.Refused[0].Code != crm.ENOTFOUND {
		t.Fatalf("rep1 labels hers and rep3's: %+v", got)
	}
	cv, err := p.db.Conversation(context.Background(), crm.System, ids[0])
	if err != nil || !slices.Contains(cv.Labels, "加急") {
		t.Fatalf("rep1's conversation after the bulk label: %+v (%v)", cv, err)
	}
	p.call("rep1", "POST", "/api/v1/inbox/bulk", map[string]any{"action": "export_csv", "ids": ids}, 400, nil)
	p.call("rep1", "POST", "/api/v1/inbox/bulk", map[string]any{"action": "resolve", "ids": []int64{}}, 400, nil)
}
