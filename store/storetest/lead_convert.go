package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunLeadConvert converts a lead with a conversation and a follow-up: a
// customer and contact are made from it under the lead's owner, the
// conversation is filed under them, the follow-up shows on the customer's
// timeline, and a second conversion or one by a rep who may not see the
// lead is refused.
func RunLeadConvert(t *testing.T, open Opener) {
	s := open(t)
	ts, ok := s.(interface {
		timelineStore
		crm.LeadConverter
	})
	if !ok {
		t.Fatalf("%T has no ConvertLead", s)
	}
	w := newWorld(t, s)
	l := &crm.Lead{Name: "张三", Company: "深圳市华强电子有限公司", Email: "zhang@huaqiang.example", Phone: "+8613800138000",
		OwnerID: ownerID(w.repA1), Tags: []string{"展会", "重点"}}
	must(t, s.CreateLead(ctx, l))
	conv := seedLeadConversation(t, ts, l.ID, w.repA1, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	must(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		UserID: w.repA1.ID, Result: "有意向", Refs: []crm.Ref{{Kind: crm.RefLead, ID: l.ID}}}))

	if _, err := ts.ConvertLead(ctx, w.repB.Viewer(), l.ID, crm.LeadConversion{}); !crm.IsNotFound(err) {
		t.Fatalf("repB converts repA1's lead: %v", err)
	}
	got, err := ts.ConvertLead(ctx, w.repA1.Viewer(), l.ID, crm.LeadConversion{})
	must(t, err)
	cu, err := s.Customer(ctx, crm.System, *got.CustomerID)
	must(t, err)
	k, err := s.Contact(ctx, crm.System, *got.ContactID)
	must(t, err)
	if cu.Name != l.Company || cu.OwnerID == nil || *cu.OwnerID != w.repA1.ID {
		t.Errorf("customer %+v", cu)
	}
	if k.Name != "张三" || len(k.Emails) != 1 || len(k.Phones) != 1 || k.CustomerID == nil || *k.CustomerID != cu.ID {
		t.Errorf("contact %+v", k)
	}
	if !slices.Equal(cu.Tags, l.Tags) || !slices.Equal(k.Tags, l.Tags) {
		t.Errorf("labels: customer %v, contact %v, want the lead's %v", cu.Tags, k.Tags, l.Tags)
	}
	c, err := s.Conversation(ctx, crm.System, conv)
	must(t, err)
	if c.ContactID == nil || *c.ContactID != k.ID || c.CustomerID == nil || *c.CustomerID != cu.ID || c.LeadID == nil {
		t.Errorf("conversation after converting: %+v", c)
	}
	lead, err := s.Lead(ctx, crm.System, l.ID)
	must(t, err)
	if lead.Status != crm.LeadConverted {
		t.Errorf("lead status %q", lead.Status)
	}
	done, err := ts.LeadConverted(ctx, l.ID)
	must(t, err)
	if done.CustomerID == nil || *done.CustomerID != cu.ID {
		t.Errorf("LeadConverted %+v", done)
	}
	kinds := map[string]int{}
	for _, e := range timelineAll(t, ts, crm.TimelineQuery{Viewer: w.repA1.Viewer(), Subject: crm.Ref{Kind: crm.RefCustomer, ID: cu.ID}}) {
		kinds[e.Kind]++
	}
	if kinds[crm.TimelineFollowUp] != 1 || kinds[crm.TimelineChange] < 2 {
		t.Errorf("customer's timeline after converting: %v", kinds)
	}
	if _, err := ts.ConvertLead(ctx, w.repA1.Viewer(), l.ID, crm.LeadConversion{}); crm.ErrorCode(err) != crm.ECONFLICT {
		t.Errorf("converting twice: %v", err)
	}
	// Into an existing customer, with a contact of another customer: refused.
	l2 := &crm.Lead{Name: "李四", OwnerID: ownerID(w.repA1), Tags: []string{"重点", "复购"}}
	must(t, s.CreateLead(ctx, l2))
	other := &crm.Customer{Name: "别家", OwnerID: ownerID(w.repA1)}
	must(t, s.CreateCustomer(ctx, other))
	if _, err := ts.ConvertLead(ctx, w.repA1.Viewer(), l2.ID, crm.LeadConversion{CustomerID: &other.ID, ContactID: &k.ID}); crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("a contact of another customer: %v", err)
	}
	into, err := ts.ConvertLead(ctx, w.repA1.Viewer(), l2.ID, crm.LeadConversion{CustomerID: &cu.ID})
	must(t, err)
	if *into.CustomerID != cu.ID || *into.ContactID == k.ID {
		t.Errorf("into an existing customer: %+v", into)
	}
	// The existing customer gains the labels it lacked, once each.
	cu, err = s.Customer(ctx, crm.System, cu.ID)
	must(t, err)
	if want := []string{"展会", "重点", "复购"}; !slices.Equal(cu.Tags, want) {
		t.Errorf("existing customer's labels %v, want %v", cu.Tags, want)
	}
	tagged, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Tag: "复购"})
	must(t, err)
	if len(tagged.Items) != 1 || tagged.Items[0].ID != cu.ID {
		t.Errorf("customers labelled 复购: %+v, want the one converted into", tagged)
	}
}
