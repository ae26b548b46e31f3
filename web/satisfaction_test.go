package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

type acceptAll struct{}

func (acceptAll) Send(context.Context, *crm.Outgoing) (*crm.SendResult, error) {
	return &crm.SendResult{}, nil
}

// withSatisfaction is an env whose server asks for scores (an outbox that
// accepts everything) and keeps users' own settings; zone is the
// company's time zone.
func withSatisfaction(t *testing.T, zone string) (*env, *care.Service) {
	e := newEnvOn(t, testapp.New(t, testapp.Options{Senders: func(*testapp.App) map[string]crm.Sender {
		return map[string]crm.Sender{crm.ChannelEmail: acceptAll{}, crm.ChannelWeChat: acceptAll{}}
	}}))
	svc, err := care.New(care.Config{Store: e.db, Records: e.db, Reminders: e.db, Outbox: e.app.Outbox, Now: e.clock.Now,
		Satisfaction: e.db, Users: e.db, BaseURL: "https://crm.example.com"})
	mustDo(t, err)
	e.serve(web.Config{}, web.Deps{Care: svc, CareStore: e.db, Reminders: e.db, Satisfaction: e.db, Surveys: svc,
		UserSettings: e.db, TimeZone: zone})
	return e, svc
}

// resolvedEmail is a customer's email conversation, answered by rep and
// resolved.
func resolvedEmail(t *testing.T, e *env, rep string) *crm.Conversation {
	ctx, now := context.Background(), e.clock.Now()
	cu := &crm.Customer{Name: "华强电子 " + rep, Kind: crm.KindCustomer, OwnerID: ptr(e.id(rep))}
	mustDo(t, e.db.CreateCustomer(ctx, cu))
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Subject: "发票", Status: crm.ConvOpen,
		AssigneeID: ptr(e.id(rep)), CustomerID: &cu.ID, LastMessageAt: now, LastInboundAt: &now, CreatedAt: now}
	mustDo(t, e.db.CreateConversation(ctx, c))
	mustDo(t, e.db.CreateMessage(ctx, &crm.Message{ConversationID: c.ID, Channel: crm.ChannelEmail, Account: "1",
		Direction: crm.DirectionIn, ExternalID: "<q" + strconv.FormatInt(c.ID, 10) + "@kunde.example>",
		From: crm.Address{Address: "chen@kunde.example"}, Text: "发票开错了", SentAt: now, CreatedAt: now}, nil))
	e.call(rep, "PUT", "/api/v1/conversations/"+strconv.FormatInt(c.ID, 10)+"/status", map[string]string{"status": "resolved"},
		http.StatusOK, nil)
	return c
}

func TestSatisfactionSettingsAPI(t *testing.T) {
	e, _ := withSatisfaction(t, "")
	on := map[string]any{"enabled": true, "low_score": 2, "reply_hours": 24, "link_days": 7, "locale": "zh-CN"}
	e.fail("manager", "PUT", "/api/v1/satisfaction/settings", on, http.StatusForbidden, crm.EFORBIDDEN)
	bad := map[string]any{"channel": "wechat", "low_score": 9}
	ae := e.fail("admin", "PUT", "/api/v1/satisfaction/settings", bad, http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["account"] == "" || ae.Fields["low_score"] == "" {
		t.Errorf("the fields are named: %+v", ae)
	}
	e.call("admin", "PUT", "/api/v1/satisfaction/settings", on, http.StatusOK, nil)
	var all []crm.SatisfactionSettings
	e.call("admin", "GET", "/api/v1/satisfaction/settings", nil, http.StatusOK, &all)
	if len(all) != 1 || !all[0].Enabled || all[0].Channel != "" {
		t.Errorf("settings: %+v", all)
	}
}

// TestSatisfactionEndToEnd: a rep resolves, the sweep asks by email, the
// customer clicks a score without logging in; the score shows in the
// conversation and on the customer API, and in the totals each one sees.
func TestSatisfactionEndToEnd(t *testing.T) {
	e, svc := withSatisfaction(t, "")
	e.call("admin", "PUT", "/api/v1/satisfaction/settings", map[string]any{"enabled": true, "low_score": 2,
		"reply_hours": 24, "link_days": 7, "locale": "en"}, http.StatusOK, nil)
	c := resolvedEmail(t, e, "rep1")
	other := resolvedEmail(t, e, "rep3")
	mustDo(t, svc.Satisfaction(context.Background(), e.clock.Now()))
	var svs []crm.Survey
	id := strconv.FormatInt(c.ID, 10)
	e.call("rep1", "GET", "/api/v1/conversations/"+id+"/surveys", nil, http.StatusOK, &svs)
	if len(svs) != 1 || svs[0].State != crm.SurveyAsked {
		t.Fatalf("surveys %+v", svs)
	}
	e.fail("rep3", "GET", "/api/v1/conversations/"+id+"/surveys", nil, http.StatusNotFound, crm.ENOTFOUND)
	q, err := e.db.InboxMessage(context.Background(), crm.System, *svs[0].MessageID)
	mustDo(t, err)
	m := regexp.MustCompile(`https://crm\.example\.com(/satisfaction/[^/\s]+)/5`).FindStringSubmatch(q.Text)
	if m == nil || !strings.Contains(q.Text, "very satisfied") {
		t.Fatalf("the question %q", q.Text)
	}
	for _, want := range []struct {
		path, body string
		status     int
	}{
		{m[1], "How satisfied", http.StatusOK},
		{m[1] + "/5", "5 out of 5", http.StatusOK},
		{m[1] + "/5", "5 out of 5", http.StatusOK},
		{m[1] + "x/5", "not valid", http.StatusNotFound},
		{m[1] + "/9", "not valid", http.StatusNotFound},
	} {
		res, err := http.Get(e.srv.URL + want.path)
		mustDo(t, err)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want.status || !strings.Contains(string(b), want.body) {
			t.Errorf("GET %s: %d %q, want %d with %q", want.path, res.StatusCode, b, want.status, want.body)
		}
	}
	_, page := e.send(e.withCookie(e.session("rep1"), "GET", "/inbox/"+id, nil))
	if !strings.Contains(string(page), `id="conv-surveys"`) || !strings.Contains(string(page), "5/5") {
		t.Errorf("the conversation shows the score")
	}
	_, page = e.send(e.withCookie(e.session("rep1"), "GET", "/customers/"+strconv.FormatInt(*c.CustomerID, 10), nil))
	if !strings.Contains(string(page), `id="c360-surveys"`) || !strings.Contains(string(page), "5/5") {
		t.Errorf("the customer page shows the score")
	}
	otherID := strconv.FormatInt(other.ID, 10)
	e.call("rep3", "GET", "/api/v1/conversations/"+otherID+"/surveys", nil, http.StatusOK, &svs)
	tok := regexp.MustCompile(`/satisfaction/([^/\s]+)/1`)
	oq, err := e.db.InboxMessage(context.Background(), crm.System, *svs[0].MessageID)
	mustDo(t, err)
	res, err := http.Get(e.srv.URL + "/satisfaction/" + tok.FindStringSubmatch(oq.Text)[1] + "/1")
	mustDo(t, err)
	res.Body.Close()
	var rows []crm.SatisfactionRow
	e.call("rep1", "GET", "/api/v1/satisfaction/totals?by=rep", nil, http.StatusOK, &rows)
	if len(rows) != 1 || rows[0].Key != strconv.FormatInt(e.id("rep1"), 10) || rows[0].Average != 5 {
		t.Errorf("a rep's totals are their own: %+v", rows)
	}
	e.call("admin", "GET", "/api/v1/satisfaction/totals?by=channel", nil, http.StatusOK, &rows)
	if len(rows) != 1 || rows[0].Count != 2 || rows[0].Low != 1 {
		t.Errorf("the admin's totals: %+v", rows)
	}
	_, page = e.send(e.withCookie(e.session("admin"), "GET", "/satisfaction", nil))
	if !strings.Contains(string(page), `id="satisfaction-totals"`) {
		t.Errorf("the settings page shows scores by rep")
	}
	var tasks crm.List[*crm.Task]
	e.call("manager", "GET", "/api/v1/tasks", nil, http.StatusOK, &tasks)
	for _, tk := range tasks.Items {
		if strings.Contains(tk.Title, "Low satisfaction") {
			t.Errorf("team B's low score is not team A's manager's task: %+v", tk)
		}
	}
}

// TestBellTimeZone: "today" is the user's own zone, else the company's.
func TestBellTimeZone(t *testing.T) {
	e, _ := withSatisfaction(t, "")
	// 2027-03-01 17:00 UTC: 03-02 01:00 in Shanghai, 03-01 09:00 in Los Angeles.
	e.clock.Set(time.Date(2027, 3, 1, 17, 0, 0, 0, time.UTC))
	due := time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC) // today in Shanghai, tomorrow in Los Angeles
	mustDo(t, e.db.CreateTask(context.Background(), &crm.Task{Title: "报价", DueAt: &due, AssigneeID: ptr(e.id("rep1"))}))
	count := func() int {
		var out struct {
			DueToday int `json:"due_today"`
		}
		e.call("rep1", "GET", "/api/v1/reminders", nil, http.StatusOK, &out)
		return out.DueToday
	}
	if n := count(); n != 1 {
		t.Fatalf("in the default zone (Asia/Shanghai) it is due today: %d", n)
	}
	e.call("rep1", "PUT", "/api/v1/me/settings", map[string]any{"time_zone": "America/Los_Angeles", "reminder_email": true},
		http.StatusOK, nil)
	if n := count(); n != 0 {
		t.Fatalf("in the rep's own zone it is due tomorrow: %d", n)
	}
	e.fail("rep1", "PUT", "/api/v1/me/settings", map[string]any{"time_zone": "Mars/Base"}, http.StatusBadRequest, crm.EINVALID)
	e2, _ := withSatisfaction(t, "America/Los_Angeles")
	e2.clock.Set(e.clock.Now())
	mustDo(t, e2.db.CreateTask(context.Background(), &crm.Task{Title: "报价", DueAt: &due, AssigneeID: ptr(e2.id("rep1"))}))
	var out struct {
		DueToday int `json:"due_today"`
	}
	e2.call("rep1", "GET", "/api/v1/reminders", nil, http.StatusOK, &out)
	if out.DueToday != 0 {
		t.Fatalf("the company's zone decides when the user has none: %d", out.DueToday)
	}
}

// TestSatisfactionAndMySettingsPages: the admin's settings form saves an
// account's row (a manager may not open it); a user's own settings form
// on the reminders page saves their zone and their reminder emails.
func TestSatisfactionAndMySettingsPages(t *testing.T) {
	e, _ := withSatisfaction(t, "")
	form := func(who, path string, v url.Values) *http.Response {
		req := e.withCookie(e.session(who), "POST", path, v.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, _ := e.send(req)
		return res
	}
	res := form("admin", "/satisfaction", url.Values{"channel": {"wechat"}, "account": {"wx1"}, "enabled": {"1"},
		"low_score": {"1"}, "reply_hours": {"12"}, "link_days": {"3"}, "locale": {"en"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the form: %d", res.StatusCode)
	}
	got, err := e.db.SatisfactionSettings(context.Background(), crm.ChannelWeChat, "wx1")
	mustDo(t, err)
	if !got.Enabled || got.LowScore != 1 || got.ReplyHours != 12 || got.Locale != "en" {
		t.Errorf("saved %+v", got)
	}
	_, page := e.send(e.withCookie(e.session("admin"), "GET", "/satisfaction?lang=zh-CN", nil))
	if !strings.Contains(string(page), "客户满意度调查") || !strings.Contains(string(page), "wx1") {
		t.Errorf("the zh-CN page lists the account")
	}
	res, _ = e.send(e.withCookie(e.session("manager"), "GET", "/satisfaction", nil))
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a manager opens the settings: %d", res.StatusCode)
	}
	res = form("admin", "/satisfaction", url.Values{"channel": {"wechat"}, "low_score": {"9"}, "reply_hours": {"12"},
		"link_days": {"3"}, "locale": {"en"}})
	if res.StatusCode != http.StatusOK {
		t.Errorf("a refused form is shown again with its problems: %d", res.StatusCode)
	}
	if res := form("rep1", "/me/settings", url.Values{"time_zone": {"Europe/Berlin"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("my settings: %d", res.StatusCode)
	}
	mine, err := e.db.UserSettings(context.Background(), e.id("rep1"))
	mustDo(t, err)
	if mine.TimeZone != "Europe/Berlin" || mine.ReminderEmail {
		t.Errorf("my settings saved as %+v (the unticked box turns emails off)", mine)
	}
	_, page = e.send(e.withCookie(e.session("rep1"), "GET", "/reminders", nil))
	if !strings.Contains(string(page), `value="Europe/Berlin"`) {
		t.Errorf("the reminders page shows my zone")
	}
}
