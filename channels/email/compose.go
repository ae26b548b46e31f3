package email

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/rapport-crm/rapport/crm"
)

// newMessageID returns a Message-ID of the mailbox's domain carrying a
// fresh reply token: rpt-TOKEN@domain (without <>).
func newMessageID(from string) (id, token string) {
	b := make([]byte, 15)
	rand.Read(b) //nolint:errcheck // crypto/rand.Read never fails
	token = strings.ToLower(base32.StdEncoding.EncodeToString(b))
	_, domain, _ := strings.Cut(from, "@")
	return tokenPrefix + token + "@" + domain, token
}

// compose writes m as a MIME message from mailbox mb with Message-ID id.
func compose(ctx context.Context, mb *crm.Mailbox, m *crm.Outgoing, id, token string, now time.Time, blobs crm.BlobStore) ([]byte, error) {
	var h mail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*mail.Address{{Name: mb.Name, Address: mb.Address}})
	h.SetAddressList("To", mailAddrs(m.To))
	if len(m.Cc) > 0 {
		h.SetAddressList("Cc", mailAddrs(m.Cc))
	}
	if mb.ReplyTokenAddress {
		local, domain, _ := strings.Cut(mb.Address, "@")
		h.SetAddressList("Reply-To", []*mail.Address{{Name: mb.Name, Address: local + "+" + tokenPrefix + token + "@" + domain}})
	}
	h.SetSubject(m.Subject)
	h.SetMessageID(id)
	if m.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{cleanID(m.InReplyTo)})
	}
	if refs := threadRefs(m); len(refs) > 0 {
		h.SetMsgIDList("References", refs)
	}
	if v := autoSubmitted(m.Kind); v != "" {
		h.Set("Auto-Submitted", v)
	}
	if m.Unsubscribe != "" {
		// RFC 2369 and RFC 8058: mail clients show an unsubscribe button
		// that POSTs to the link, no page to visit.
		h.Set("List-Unsubscribe", "<"+m.Unsubscribe+">")
		h.Set("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	var buf bytes.Buffer
	if err := writeBody(ctx, &buf, h, m, blobs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// autoSubmitted marks our automatic mail (RFC 3834) so that robots do not
// answer it: a bot's answer is auto-replied, a care message auto-generated.
func autoSubmitted(kind string) string {
	switch kind {
	case crm.OutAuto:
		return "auto-replied"
	case crm.OutCare:
		return "auto-generated"
	}
	return ""
}

// threadRefs is References: the thread, oldest first, ending with the
// message answered.
func threadRefs(m *crm.Outgoing) []string {
	var refs []string
	for _, r := range m.References {
		refs = appendNew(refs, cleanID(r))
	}
	return appendNew(refs, cleanID(m.InReplyTo))
}

func mailAddrs(l []crm.Address) []*mail.Address {
	out := make([]*mail.Address, 0, len(l))
	for _, a := range l {
		out = append(out, &mail.Address{Name: a.Name, Address: a.Address})
	}
	return out
}

// writeBody writes text and HTML as alternatives, then the attachments.
func writeBody(ctx context.Context, w io.Writer, h mail.Header, m *crm.Outgoing, blobs crm.BlobStore) error {
	mw, err := mail.CreateWriter(w, h)
	if err != nil {
		return err
	}
	iw, err := mw.CreateInline()
	if err != nil {
		return err
	}
	for _, part := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		if part.body == "" && (part.typ == "text/html" || m.HTML != "") {
			continue
		}
		if err := writeInline(iw, part.typ, part.body); err != nil {
			return err
		}
	}
	if err := iw.Close(); err != nil {
		return err
	}
	for _, a := range m.Attachments {
		if err := writeAttachment(ctx, mw, a, blobs); err != nil {
			return err
		}
	}
	return mw.Close()
}

func writeInline(iw *mail.InlineWriter, typ, body string) error {
	var ih mail.InlineHeader
	ih.SetContentType(typ, map[string]string{"charset": "utf-8"})
	pw, err := iw.CreatePart(ih)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(pw, body); err != nil {
		return err
	}
	return pw.Close()
}

func writeAttachment(ctx context.Context, mw *mail.Writer, a crm.Attachment, blobs crm.BlobStore) error {
	if blobs == nil {
		return crm.PermanentSendError("attachments cannot be sent: no blob store", nil)
	}
	r, err := blobs.Open(ctx, a.SHA256)
	if err != nil {
		return fmt.Errorf("attachment %s: %w", a.Name, err)
	}
	defer r.Close()
	var ah mail.AttachmentHeader
	ah.SetContentType(a.ContentType, nil)
	ah.SetFilename(a.Name)
	aw, err := mw.CreateAttachment(ah)
	if err != nil {
		return err
	}
	if _, err := io.Copy(aw, r); err != nil {
		return err
	}
	return aw.Close()
}
