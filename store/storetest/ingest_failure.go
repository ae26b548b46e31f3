package storetest

import (
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A failed message leaves the cursor and the other messages as they were.

func testIngestCursor(t *testing.T, h *ingestHarness) {
	cur := &crm.Cursor{Channel: crm.ChannelEmail, Account: "sales@rapport.example", Name: "INBOX", Value: "7:42"}
	_, err := h.ing.Ingest(ctx, mail("a@qq.com", "s", "t"), cur)
	must(t, err)
	got, err := h.s.Cursor(ctx, cur.Channel, cur.Account, "INBOX")
	must(t, err)
	same(t, "cursor", got, *cur)

	bad := badMail()
	next := *cur
	next.Value = "7:43"
	_, err = h.ing.Ingest(ctx, bad, &next)
	wantCode(t, err, crm.EINVALID)
	got, err = h.s.Cursor(ctx, cur.Channel, cur.Account, "INBOX")
	must(t, err)
	same(t, "cursor after a failed message", got, *cur)
}

// badMail has an attachment whose hash is not a hash: the store refuses it.
func badMail() *crm.Inbound {
	in := mail("bad@qq.com", "附件", "x")
	in.Attachments = []crm.Attachment{{SHA256: "not-a-hash", Name: "报价.pdf", Size: 1}}
	return in
}

func testIngestBadMessage(t *testing.T, h *ingestHarness) {
	ins := []*crm.Inbound{mail("ok1@qq.com", "1", "a"), badMail(), mail("ok2@qq.com", "2", "b")}
	errs := make([]error, len(ins))
	var wg sync.WaitGroup
	for i, in := range ins {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = h.ing.Ingest(ctx, in, nil) }()
	}
	wg.Wait()
	if errs[0] != nil || errs[2] != nil || crm.ErrorCode(errs[1]) != crm.EINVALID {
		t.Fatalf("errors %v: want only the bad message refused", errs)
	}
	for _, in := range []*crm.Inbound{ins[0], ins[2]} {
		if res := h.ingest(t, in); !res.Duplicate {
			t.Errorf("%s was not stored", in.ExternalID)
		}
	}
}
