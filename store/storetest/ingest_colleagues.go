package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testIngestColleagues: people a customer's mail copies at the customer's
// domain become its contacts, once, though two messages of one batch copy
// them (the second must see the contact the first made); others are only
// recorded on the message.
func testIngestColleagues(t *testing.T, h *ingestHarness) {
	cust := &crm.Customer{Name: "深圳市华强电子有限公司", Domain: "huaqiang.example", OwnerID: ptr(h.w.repA1.ID)}
	must(t, h.s.CreateCustomer(ctx, cust))
	li := &crm.Contact{Name: "李伟", CustomerID: &cust.ID, Emails: []string{"li.wei@huaqiang.example"}}
	must(t, h.s.CreateContact(ctx, li))

	first := mail("li.wei@huaqiang.example", "样品", "请看附件")
	first.To = []crm.Address{{Address: "sales@rapport.example"}}
	first.Cc = []crm.Address{{Name: "王总", Address: "Wang.Zong@huaqiang.example"},
		{Address: "friend@qq.com"}, {Address: "buyer@other.example"}}
	second := mail("liu.qiang@huaqiang.example", "Re: 样品", "收到") // a new sender: a contact too
	second.Cc = []crm.Address{{Address: "wang.zong@huaqiang.example"}, {Address: "li.wei@huaqiang.example"}}
	res, errs := h.batch(t, []*crm.Inbound{first, second}, make([]*crm.Cursor, 2))
	must(t, errs[0])
	must(t, errs[1])

	wang := h.oneContact(t, "wang.zong@huaqiang.example")
	same(t, "copied colleague", []any{wang.Name, wang.CustomerID, wang.OwnerID}, []any{"王总", &cust.ID, cust.OwnerID})
	if !hasLink(res[0].Links, crm.RefContact, wang.ID) || hasLink(res[1].Links, crm.RefContact, wang.ID) {
		t.Errorf("links %+v, %+v: want the colleague linked (rule cc) by the first message only", res[0].Links, res[1].Links)
	}
	if res[0].ContactID != li.ID || res[1].ContactID == 0 || res[1].ContactID == li.ID {
		t.Errorf("results %+v, %+v: the senders stay the messages' contacts", res[0], res[1])
	}
	h.oneContact(t, "li.wei@huaqiang.example")
	for _, e := range []string{"friend@qq.com", "buyer@other.example", "sales@rapport.example"} {
		if cs := h.contactsOf(t, e); len(cs) != 0 {
			t.Errorf("%s became contacts %+v: only the customer's domain makes contacts", e, cs)
		}
	}
	if msgs := h.messages(t, res[0].ConversationID); len(msgs[0].Cc) != 3 {
		t.Errorf("message %+v: want every Cc address recorded", msgs[0])
	}
	cs, err := h.s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, CustomerID: &cust.ID})
	must(t, err)
	if len(cs.Items) != 3 {
		t.Errorf("customer's contacts %+v: want 李伟, the new sender and 王总", cs.Items)
	}

	_, err = h.s.ResolveReview(ctx, h.w.admin.Viewer(), crm.Relink{ConversationID: res[0].ConversationID, ContactID: &li.ID})
	must(t, err)
	if msgs := h.messages(t, res[0].ConversationID); !hasLink(msgs[0].Links, crm.RefContact, wang.ID) {
		t.Errorf("links after a review %+v: the copied colleague's link stays", msgs[0].Links)
	}

	again := mail("li.wei@huaqiang.example", "再问", "?")
	again.Cc = []crm.Address{{Address: "wang.zong@huaqiang.example"}}
	if r := h.ingest(t, again); len(r.Links) != 2 {
		t.Errorf("links %+v: a known colleague is not made again", r.Links)
	}
	h.oneContact(t, "wang.zong@huaqiang.example")
}

func (h *ingestHarness) contactsOf(t *testing.T, email string) []*crm.Contact {
	t.Helper()
	cs, err := h.s.ContactsByEmail(ctx, crm.System, email)
	must(t, err)
	return cs
}

func (h *ingestHarness) oneContact(t *testing.T, email string) *crm.Contact {
	t.Helper()
	cs := h.contactsOf(t, email)
	if len(cs) != 1 {
		t.Fatalf("contacts of %s: %+v, want one", email, cs)
	}
	return cs[0]
}
