package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var attachmentTests = []storeTest{
	{"Attachment/RoundTrip", testAttachments},
	{"Audit/Trail", testAudit},
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func testAttachments(t *testing.T, s crm.Store) {
	cust := &crm.Customer{Name: "华强"}
	must(t, s.CreateCustomer(ctx, cust))
	ref := crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}
	a := &crm.Attachment{SHA256: sha("a"), Name: "营业执照.jpg", ContentType: "image/jpeg", Size: 2048,
		ContentID: "part1.ABC@example.com"} // kept as sent: case and all
	b := &crm.Attachment{SHA256: sha("b"), Name: "quote.xlsx", Size: 0}
	must(t, s.CreateAttachment(ctx, a))
	must(t, s.CreateAttachment(ctx, b))
	got, err := s.Attachment(ctx, a.ID)
	must(t, err)
	same(t, "attachment", got, a)
	none, err := s.AttachmentsOf(ctx, ref)
	must(t, err)
	same(t, "none yet", len(none), 0)
	must(t, s.AttachTo(ctx, b.ID, ref))
	must(t, s.AttachTo(ctx, a.ID, ref))
	must(t, s.AttachTo(ctx, b.ID, ref)) // twice: still once
	all, err := s.AttachmentsOf(ctx, ref)
	must(t, err)
	same(t, "in order attached", all, []*crm.Attachment{b, a})
	_, err = s.Attachment(ctx, b.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.AttachTo(ctx, b.ID+1, ref), crm.ENOTFOUND)
	wantFields(t, s.AttachTo(ctx, a.ID, crm.Ref{Kind: crm.RefOrder, ID: 99}), "ref")
	wantFields(t, s.AttachTo(ctx, a.ID, crm.Ref{Kind: "planet", ID: 1}), "ref")
	wantFields(t, s.CreateAttachment(ctx, &crm.Attachment{SHA256: "xyz", Size: -1}), "sha256", "name", "size")
	long := &crm.Attachment{SHA256: sha("c"), Name: "c.png", ContentID: strings.Repeat("x", crm.MaxContentID+1)}
	wantFields(t, s.CreateAttachment(ctx, long), "content_id")
}

func testAudit(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	subject := crm.Ref{Kind: crm.RefLead, ID: 7}
	var want []*crm.AuditEntry
	for i, action := range []string{"lead.create", "lead.claim", "lead.update"} {
		e := &crm.AuditEntry{Action: action, Subject: subject, Detail: "第 " + string(rune('1'+i)) + " 步"}
		if i > 0 {
			e.ActorID = ptr(w.repA1.ID)
		}
		must(t, s.Audit(ctx, e))
		if e.ID == 0 || e.At.IsZero() {
			t.Fatalf("after audit: %+v", e)
		}
		want = append([]*crm.AuditEntry{e}, want...)
	}
	must(t, s.Audit(ctx, &crm.AuditEntry{Action: "lead.update", Subject: crm.Ref{Kind: crm.RefLead, ID: 8}}))
	got, err := s.AuditOf(ctx, subject, 10)
	must(t, err)
	same(t, "trail newest first", got, want)
	got, err = s.AuditOf(ctx, subject, 2)
	must(t, err)
	same(t, "limited", got, want[:2])
	wantFields(t, s.Audit(ctx, &crm.AuditEntry{ActorID: ptr(int64(999))}), "action", "subject")
	wantFields(t, s.Audit(ctx, &crm.AuditEntry{Action: "x", Subject: subject, ActorID: ptr(int64(999))}), "actor_id")
}
