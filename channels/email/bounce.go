package email

import (
	"bufio"
	"bytes"
	"cmp"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// readDeliveryStatus reads a message/delivery-status body (RFC 3464): a
// per-message block, then one block per recipient. The first failed
// recipient gives the bounce its reason.
func (p *Parsed) readDeliveryStatus(b []byte) {
	bo := p.bounce()
	br := bufio.NewReader(bytes.NewReader(b))
	for i := 0; i < 50; i++ {
		h, err := textproto.ReadHeader(br)
		if h.Len() > 0 && bo.Recipient == "" {
			bo.take(h)
		}
		if err != nil {
			return
		}
		if _, err := br.Peek(1); err != nil {
			return
		}
	}
}

// failed reports whether the report says the message it names failed for
// a recipient: a "delayed" or "relayed" report leaves it as it was.
func (bo *Bounce) failed() bool {
	return bo != nil && bo.MessageID != "" && bo.Recipient != ""
}

func (p *Parsed) bounce() *Bounce {
	if p.Bounce == nil {
		p.Bounce = &Bounce{}
	}
	return p.Bounce
}

// take fills the bounce from a per-recipient block whose action failed.
func (bo *Bounce) take(h textproto.Header) {
	rcpt := h.Get("Final-Recipient")
	if rcpt == "" {
		rcpt = h.Get("Original-Recipient")
	}
	if rcpt == "" || !strings.EqualFold(strings.TrimSpace(h.Get("Action")), "failed") {
		return
	}
	if _, addr, ok := strings.Cut(rcpt, ";"); ok {
		rcpt = addr
	}
	bo.Recipient = strings.TrimSpace(rcpt)
	bo.Status = strings.TrimSpace(h.Get("Status"))
	reason := h.Get("Diagnostic-Code")
	if _, text, ok := strings.Cut(reason, ";"); ok {
		reason = text
	}
	bo.Reason = toUTF8(strings.Join(strings.Fields(reason), " "))
	if bo.Reason == "" {
		bo.Reason = "delivery failed (status " + bo.Status + ")"
	}
}

// readReported reads the header of the message a report is about for its
// Message-ID: the bounced message's, or a thread reference.
func (p *Parsed) readReported(r io.Reader, bounced bool) {
	h, _ := textproto.ReadHeader(bufio.NewReader(io.LimitReader(r, 1<<20)))
	if id := firstID(h.Get("Message-Id")); id != "" && bounced {
		p.bounce().MessageID = id
	} else if id != "" {
		p.In.References = appendNew(p.In.References, id)
	}
	_, _ = io.Copy(io.Discard, r)
}

// noteReport marks a multipart/report automated by its report type: a
// delivery status report (RFC 3464), a read receipt (RFC 8098), or any
// other machine report (abuse feedback, TLS reports).
func (p *Parsed) noteReport(reportType string) {
	switch reportType {
	case "disposition-notification":
		p.reported("read receipt (disposition notification)")
	case "delivery-status", "global-delivery-status":
		p.reported("delivery status report")
	default:
		p.reported("report: " + cmp.Or(reportType, "multipart/report"))
	}
}

// readDisposition reads a read receipt's machine part (RFC 8098 §3.2): the
// receipt is automated and belongs with the message it acknowledges.
func (p *Parsed) readDisposition(b []byte) {
	p.reported("read receipt (disposition notification)")
	h, _ := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(b)))
	if id := firstID(h.Get("Original-Message-Id")); id != "" {
		p.In.References = appendNew(p.In.References, id)
	}
}
