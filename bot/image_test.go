package bot

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestImageReply: a keyword rule whose reply is an image queues an answer
// that carries it (the WeChat channel sends it as uploaded media).
func TestImageReply(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	a := &crm.Attachment{SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Name: "qr.png",
		ContentType: "image/png", Size: 4}
	must(t, w.db.CreateAttachment(ctx, a))
	r := &crm.BotRule{Channel: crm.ChannelWeChat, Account: "wx1", Kind: crm.RuleKeyword, Keywords: []string{"二维码"},
		ImageID: &a.ID, Image: a, Enabled: true}
	must(t, w.db.CreateBotRule(ctx, r))
	d, text := w.decide(t, w.push(t, "img-1", "发一下二维码", ""))
	if d.Action != crm.BotAnswer || d.RuleID == nil || *d.RuleID != r.ID || text != "" {
		t.Fatalf("decision %+v, text %q", d, text)
	}
	m, err := w.db.InboxMessage(ctx, crm.System, *d.ReplyMessageID)
	must(t, err)
	if len(m.Attachments) != 1 || m.Attachments[0].SHA256 != a.SHA256 {
		t.Fatalf("the answer's attachments %+v: want the rule's image", m.Attachments)
	}
}

// TestLinkCardReply: a rule's link goes out as a link card (WeChat's news
// message), its text still holding the link for the other channels.
func TestLinkCardReply(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	must(t, w.db.CreateBotRule(ctx, &crm.BotRule{Channel: crm.ChannelWeChat, Account: "wx1", Kind: crm.RuleKeyword,
		Keywords: []string{"价目表"}, Reply: "最新价目表请点开看", LinkTitle: "2026价目表", LinkURL: "https://rapport.example/prices",
		Enabled: true}))
	_, text := w.decide(t, w.push(t, "link-1", "价目表发我", ""))
	if text != "最新价目表请点开看\n2026价目表 https://rapport.example/prices" {
		t.Fatalf("the answer's text %q", text)
	}
	out, err := w.db.ClaimOutbound(ctx, w.clock().Add(time.Hour), w.clock().Add(2*time.Hour), 10)
	must(t, err)
	if len(out) != 1 || out[0].Link == nil || *out[0].Link != (crm.LinkCard{Title: "2026价目表",
		Description: "最新价目表请点开看", URL: "https://rapport.example/prices"}) {
		t.Fatalf("queued %+v: want the link card", out)
	}
}
