package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestCustomerPageIsAHub opens a customer's page: it lists the contacts,
// what is outstanding, and one timeline with a message, a follow-up, a
// task, an order and a payment, paged.
func TestCustomerPageIsAHub(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	rep1 := ptr(p.id("rep1"))
	cu := &crm.Customer{Name: "华强电子有限公司", OwnerID: rep1}
	mustDo(t, p.db.CreateCustomer(ctx, cu))
	k := &crm.Contact{Name: "王芳", CustomerID: &cu.ID, OwnerID: rep1, Phones: []string{"+8613800138000"}}
	mustDo(t, p.db.CreateContact(ctx, k))
	// The contract another rep signed on rep1's customer: rep1 sees it.
	o := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-HUB-1", CustomerID: cu.ID, Amount: 1225000, Currency: "CNY",
		OwnerID: ptr(p.id("rep3"))}
	mustDo(t, p.db.CreateOrder(ctx, o))
	mustDo(t, p.db.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: o.ID, Instalment: 1,
		DueDate: crm.Date{Year: 2030, Month: 1, Day: 1}, Amount: 1225000}))
	mustDo(t, p.db.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, Amount: 25000, Method: crm.MethodBank, PaidAt: p.clock.Now()}))
	p.inbox(0).mail(t, "wang@huaqiang.example", "询价单", "请报价", "")
	page := fmt.Sprintf("/customers/%d", cu.ID)
	p.saved("rep1", "/follow-ups", url.Values{"method": {"visit"}, "details": {"拜访采购"}, "refs": {"customer:" + strconv.FormatInt(cu.ID, 10)}, "next": {page}})
	p.saved("rep1", "/tasks", url.Values{"title": {"寄样品"}, "refs": {"contact:" + strconv.FormatInt(k.ID, 10)}, "next": {page}})

	got := p.mustPage("rep1", page+"?lang=zh-CN")
	contains(t, "customer page", got, `id="timeline"`, "王芳", "8613800138000", "待回款合计", "¥12,250.00",
		`data-kind="order"`, `data-kind="payment"`, `data-kind="followup"`, `data-kind="task"`, "HT-HUB-1", "拜访采购", "寄样品")
	// rep3 signed the contract but may not open the customer.
	if code, _ := p.page("rep3", page); code != http.StatusNotFound {
		t.Errorf("rep3 opens rep1's customer: %d", code)
	}
	if code, _ := p.page("rep1", fmt.Sprintf("/orders/%d", o.ID)); code != http.StatusOK {
		t.Errorf("rep1 opens the contract of her own customer: %d", code)
	}
}

// TestLeadConversationPanelShowsWhatWasLogged logs a follow-up and a task
// from a form lead's conversation (filed against the lead and the
// conversation only): the panel lists both at once, not "无。".
func TestLeadConversationPanelShowsWhatWasLogged(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	l := &crm.Lead{Name: "赵六", Email: "zhao@example.com", OwnerID: ptr(p.id("rep1"))}
	mustDo(t, p.db.CreateLead(ctx, l))
	at := p.clock.Now()
	c := &crm.Conversation{Channel: crm.ChannelWebForm, Account: "contact", Status: crm.ConvOpen, LeadID: &l.ID,
		AssigneeID: ptr(p.id("rep1")), LastMessageAt: at, CreatedAt: at}
	mustDo(t, p.db.CreateConversation(ctx, c))
	conv := "/inbox/" + strconv.FormatInt(c.ID, 10)
	refs := []string{"lead:" + strconv.FormatInt(l.ID, 10), "conversation:" + strconv.FormatInt(c.ID, 10)}
	p.saved("rep1", "/follow-ups", url.Values{"method": {"call"}, "details": {"电话沟通需求"}, "refs": refs, "next": {conv}})
	p.saved("rep1", "/tasks", url.Values{"title": {"发报价单"}, "refs": refs, "next": {conv}})
	contains(t, "conversation", p.mustPage("rep1", conv+"?lang=zh-CN"), "电话沟通需求", "发报价单")
}

// TestConvertLeadChecksDuplicatesFirst converts a lead whose company is a
// customer already: the form lists it and refuses to make a new one
// without confirming; converting into it keeps the lead's conversation.
func TestConvertLeadChecksDuplicatesFirst(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	rep1 := ptr(p.id("rep1"))
	existing := &crm.Customer{Name: "深圳市华强电子有限公司", OwnerID: rep1}
	mustDo(t, p.db.CreateCustomer(ctx, existing))
	l := &crm.Lead{Name: "张三", Company: "华强电子", Email: "zhang@huaqiang.example", OwnerID: rep1,
		Source: crm.LeadSource{Channel: crm.ChannelWebForm, Form: "contact-us", UTMSource: "baidu", Campaign: "qrscene_expo"}}
	mustDo(t, p.db.CreateLead(ctx, l))
	id := strconv.FormatInt(l.ID, 10)
	contains(t, "lead page", p.mustPage("rep1", "/leads/"+id+"?lang=zh-CN"), "转为客户", "网页表单", "contact-us", "baidu", "expo", "二维码场景")
	contains(t, "convert form", p.mustPage("rep1", "/leads/"+id+"/convert?lang=en"), existing.Name, `name="confirm"`)
	res, body := p.post("rep1", "/leads/"+id+"/convert", url.Values{})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, existing.Name) {
		t.Fatalf("convert without confirming: %d", res.StatusCode)
	}
	p.fail("rep1", "POST", "/api/v1/leads/"+id+"/convert", map[string]any{}, http.StatusConflict, crm.ECONFLICT)
	p.fail("rep3", "POST", "/api/v1/leads/"+id+"/convert", map[string]any{"confirm": true}, http.StatusNotFound, crm.ENOTFOUND)
	loc := p.saved("rep1", "/leads/"+id+"/convert", url.Values{"customer_id": {strconv.FormatInt(existing.ID, 10)}})
	if loc != "/customers/"+strconv.FormatInt(existing.ID, 10) {
		t.Fatalf("converted to %q", loc)
	}
	contains(t, "customer after converting", p.mustPage("rep1", loc+"?lang=en"), "张三", "converted from a lead")
	contains(t, "lead after converting", p.mustPage("rep1", "/leads/"+id+"?lang=en"), `id="converted"`, existing.Name)
}

// TestNewRecordFormsCheckDuplicates creates a contact with a phone that
// rep1's contact has: the form warns and offers to open or merge; merging
// folds the new contact into the old one.
func TestNewRecordFormsCheckDuplicates(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	old := &crm.Contact{Name: "王芳", OwnerID: ptr(p.id("rep1")), Phones: []string{"+8613800138000"}}
	mustDo(t, p.db.CreateContact(ctx, old))
	form := url.Values{"name": {"王芳（新）"}, "phones": {"138 0013 8000"}, "emails": {"wang.new@example.com"}}
	res, body := p.post("rep1", "/contacts?lang=zh-CN", form)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a duplicate phone: status %d", res.StatusCode)
	}
	contains(t, "warning", body, `id="dups"`, "王芳", "/contacts/"+strconv.FormatInt(old.ID, 10), "合并到这条", "仍然新建", `name="dup_ok"`)
	// rep3 (team B) sees the match masked, without a link.
	_, masked := p.post("rep3", "/contacts", form)
	if strings.Contains(masked, "/contacts/"+strconv.FormatInt(old.ID, 10)+`"`) || strings.Contains(masked, ">王芳<") {
		t.Errorf("rep3 is shown rep1's contact")
	}
	form.Set("dup_ok", "1")
	form.Set("merge_into", strconv.FormatInt(old.ID, 10))
	if loc := p.saved("rep1", "/contacts", form); loc != "/contacts/"+strconv.FormatInt(old.ID, 10) {
		t.Fatalf("merged to %q", loc)
	}
	got, err := p.db.Contact(ctx, crm.System, old.ID)
	mustDo(t, err)
	if len(got.Emails) != 1 || got.Emails[0] != "wang.new@example.com" {
		t.Errorf("after merging: %+v", got)
	}
}

// TestOwnershipFollowsTheCustomer: a contact made on rep1's customer by the
// manager takes rep1 as owner by default; reassigning the customer to rep2
// with "move open records" moves rep1's contact and open order too.
func TestOwnershipFollowsTheCustomer(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	rep1 := ptr(p.id("rep1"))
	cu := &crm.Customer{Name: "宁波模具厂", OwnerID: rep1}
	mustDo(t, p.db.CreateCustomer(ctx, cu))
	cid := strconv.FormatInt(cu.ID, 10)
	form := p.mustPage("manager", "/contacts/new?customer_id="+cid+"&lang=zh-CN")
	contains(t, "new contact form", form, `<option value="follow" selected>随客户负责人</option>`, `value="宁波模具厂"`)
	_, kid := p.savedID("manager", "/contacts", url.Values{"name": {"吴刚"}, "customer_id": {cid}, "owner_id": {"follow"}})
	k, err := p.db.Contact(ctx, crm.System, kid)
	mustDo(t, err)
	if k.OwnerID == nil || *k.OwnerID != *rep1 {
		t.Fatalf("new contact's owner %v, want rep1", k.OwnerID)
	}
	o := &crm.Order{Number: "SO-FOLLOW", CustomerID: cu.ID, Status: crm.OrderActive, OwnerID: rep1, Currency: "CNY"}
	mustDo(t, p.db.CreateOrder(ctx, o))
	contains(t, "customer edit form", p.mustPage("manager", "/customers/"+cid+"/edit"), `name="move_open"`)
	p.saved("manager", "/customers/"+cid, url.Values{"owner_id": {strconv.FormatInt(p.id("rep2"), 10)}, "move_open": {"true"}})
	k, _ = p.db.Contact(ctx, crm.System, kid)
	got, _ := p.db.Order(ctx, crm.System, o.ID)
	if *k.OwnerID != p.id("rep2") || *got.OwnerID != p.id("rep2") {
		t.Errorf("after reassigning: contact owner %d, order owner %d, want rep2", *k.OwnerID, *got.OwnerID)
	}
	var moved crm.MovedRecords
	p.call("manager", "POST", "/api/v1/customers/"+cid+"/move-open", map[string]any{"from_owner_id": *rep1}, http.StatusOK, &moved)
	p.fail("rep3", "POST", "/api/v1/customers/"+cid+"/move-open", map[string]any{"from_owner_id": *rep1}, http.StatusNotFound, crm.ENOTFOUND)
}
