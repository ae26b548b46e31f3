package storetest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/sealed"
)

// SealingStore is a store whose secrets can be sealed with a key.
type SealingStore interface {
	crm.MailboxStore
	crm.WeChatStore
	crm.WebhookStore
	crm.GenerativeStore
	UseSealer(b *sealed.Box)
	CheckSecrets(ctx context.Context) error
	SealSecrets(ctx context.Context) (int, error)
	ResealSecrets(ctx context.Context, next *sealed.Box) (int, error)
}

// Dumper returns everything the database holds, as a copy of it would:
// the file's bytes, or every row as text.
type Dumper func(t *testing.T) []byte

// RunSecrets stores secrets without a key (an old database), then sets a
// key: the clear ones are sealed on upgrade, read back as they were, and a
// dump of the database holds none of them; a wrong key or none is refused
// by CheckSecrets with the reason; rotating to a new key leaves the old
// one useless.
func RunSecrets(t *testing.T, s SealingStore, dump Dumper) {
	plain := []string{"imap-pass-3c1d", "smtp-pass-8e2f", "wx-appsecret-7f3a", "wx-token-91b2",
		"KqAESkey0123456789abcdefghijklmnopqrstuvwxy", "whsec_dump_check_55", "imap-pass-new-77", "sk-generative-key-4d9e"}
	m := aMailbox("Support")
	m.Password, m.SMTPPassword = crm.Secret(plain[0]), crm.Secret(plain[1])
	must(t, s.CreateMailbox(ctx, m))
	a := wechatAccount("wx123")
	a.AppSecret, a.Token, a.EncodingAESKey = plain[2], plain[3], plain[4]
	must(t, s.CreateWeChatAccount(ctx, a))
	w := &crm.Webhook{URL: "https://x.example/", Events: []string{crm.HookLeadCreated}, Secret: crm.Secret(plain[5])}
	must(t, s.CreateWebhook(ctx, w))
	must(t, s.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{BaseURL: "http://127.0.0.1:9/v1", Model: "qwen",
		APIKey: crm.Secret(plain[7])}))
	if d := dump(t); !bytes.Contains(d, []byte(plain[2])) {
		t.Fatal("the dump does not show a secret stored without a key: it is not a dump")
	}
	box := newBox(t, 1)
	s.UseSealer(box)
	must(t, s.CheckSecrets(ctx))
	n, err := s.SealSecrets(ctx)
	must(t, err)
	same(t, "sealed on upgrade", n, 6)
	m2 := aMailbox("Sales")
	m2.Password = crm.Secret(plain[6])
	must(t, s.CreateMailbox(ctx, m2))
	d := dump(t)
	for _, p := range plain {
		if bytes.Contains(d, []byte(p)) {
			t.Errorf("the dump shows %q", p)
		}
	}
	gotM, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	gotA, err := s.WeChatAccount(ctx, a.AppID)
	must(t, err)
	gotW, err := s.Webhook(ctx, w.ID)
	must(t, err)
	gotG, err := s.GenerativeSettings(ctx)
	must(t, err)
	same(t, "read back", []string{gotM.Password.Reveal(), gotM.SMTPPassword.Reveal(), gotA.AppSecret, gotA.Token,
		gotA.EncodingAESKey, gotW.Secret.Reveal(), gotG.APIKey.Reveal()}, append(plain[:6:6], plain[7]))
	n, err = s.SealSecrets(ctx)
	must(t, err)
	same(t, "nothing left to seal", n, 0)
	n, err = s.ResealSecrets(ctx, newBox(t, 3)) // rotate
	must(t, err)
	same(t, "resealed", n, 7)
	gotW, err = s.Webhook(ctx, w.ID)
	must(t, err)
	same(t, "read under the new key", gotW.Secret.Reveal(), plain[5])
	s.UseSealer(box) // the old key no longer opens them
	if err := s.CheckSecrets(ctx); err == nil {
		t.Error("the old key still opens the secrets after rotation")
	}
	s.UseSealer(newBox(t, 2))
	if err := s.CheckSecrets(ctx); err == nil || !strings.Contains(err.Error(), "not the key") {
		t.Errorf("a wrong key: %v, want it refused", err)
	}
	s.UseSealer(nil)
	if err := s.CheckSecrets(ctx); err == nil || !strings.Contains(err.Error(), "RAPPORT_SECRET_KEY") {
		t.Errorf("no key: %v, want it refused", err)
	}
}

func newBox(t *testing.T, fill byte) *sealed.Box {
	b, err := sealed.New(bytes.Repeat([]byte{fill}, 32))
	must(t, err)
	return b
}
