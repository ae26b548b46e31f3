package email_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A customer's mail fetched over IMAP that copies a colleague at the
// customer's domain (named in GB2312) makes that colleague a contact; the
// free-mail copy stays a recorded address.
func TestPollerMakesCopiedColleaguesContacts(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	cust := &crm.Customer{Name: "深圳市华强电子有限公司", Domain: "huaqiang.example"}
	must(t, w.db.CreateCustomer(ctx, cust))
	must(t, w.db.CreateContact(ctx, &crm.Contact{Name: "李雷", CustomerID: &cust.ID, Emails: []string{"li.lei@huaqiang.example"}}))

	w.imap.deliver(t, "INBOX", mail("李雷 <li.lei@huaqiang.example>", "样品", "cc1@huaqiang.example",
		"Cc: =?GB2312?B?zfXX3A==?= <Wang.Zong@HuaQiang.example>, friend@qq.com"))
	w.poller("a", w.ing)
	w.ing.waitFor(t, "cc1@huaqiang.example")

	cs, err := w.db.ContactsByEmail(ctx, crm.System, "wang.zong@huaqiang.example")
	must(t, err)
	if len(cs) != 1 || cs[0].Name != "王总" || cs[0].CustomerID == nil || *cs[0].CustomerID != cust.ID {
		t.Fatalf("contacts of the copied colleague: %+v, want 王总 of customer %d", cs, cust.ID)
	}
	if cs, err := w.db.ContactsByEmail(ctx, crm.System, "friend@qq.com"); err != nil || len(cs) != 0 {
		t.Errorf("free-mail copy became contacts %+v (%v)", cs, err)
	}
}
