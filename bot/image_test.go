package bot

import (
	"testing"

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
