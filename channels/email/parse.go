package email

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/rapport-crm/rapport/crm"
)

// Limits on what a message's parsed form keeps; the raw bytes keep the rest.
const (
	maxBodyText = 2 << 20 // per text or HTML body
	maxParts    = 500
	maxDepth    = 20
)

// Parsed is a message as far as it could be parsed.
type Parsed struct {
	In       crm.Inbound // Channel, Account and ExternalID are the caller's
	Bounce   *Bounce     // set for a delivery status report
	Problems []string    // what was malformed, for the log
	subject  string      // normalized, for subject threading
	replied  bool        // the subject carried Re:/回复:… or Fwd:

	attachedForwards []crm.Forward // attached messages, read as forwards
}

// Bounce is what a delivery status report says about the message it bounces.
type Bounce struct {
	MessageID string // the bounced message's Message-ID, without <>
	Recipient string
	Status    string // e.g. 5.1.1
	Reason    string // the remote server's diagnostic
}

// ExternalID is the content-derived dedupe key of a raw message: the same
// bytes under another UID (after a UIDVALIDITY change, in a second watched
// folder) are the same message. Message-IDs can be missing or reused.
func ExternalID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Parse parses raw best-effort, streaming attachments into blobs. It fails
// only when blobs does (so the caller retries); malformed mail is recorded
// in Problems and parsed as far as it goes.
func Parse(ctx context.Context, raw []byte, blobs crm.BlobStore) (p *Parsed, err error) {
	return parse(ctx, raw, blobs, false)
}

// parse parses raw; nested is set for a message attached to another.
func parse(ctx context.Context, raw []byte, blobs crm.BlobStore, nested bool) (p *Parsed, err error) {
	p = &Parsed{In: crm.Inbound{Channel: crm.ChannelEmail, Raw: raw}}
	defer func() {
		if r := recover(); r != nil { // a library bug must not lose the message
			p.problem("parser panic: %v", r)
			err = nil
		}
	}()
	if len(bytes.TrimSpace(raw)) == 0 {
		p.problem("empty message")
	}
	br := bufio.NewReader(bytes.NewReader(raw))
	th, herr := textproto.ReadHeader(br)
	if herr != nil {
		p.problem("header: %v", herr)
	}
	h := message.Header{Header: th}
	fixHeader(&h)
	p.readHeader(mail.Header{Header: h})
	w := walker{ctx: ctx, p: p, blobs: blobs, nested: nested}
	if err := w.walk(h, br, 0); err != nil {
		return nil, err
	}
	if p.In.Text == "" && p.In.HTML != "" {
		p.In.Text = htmlText(p.In.HTML)
	}
	if !nested {
		p.collectForwards()
	}
	if p.Bounce != nil {
		// A bounce belongs in the conversation of the message it returns.
		p.automated("delivery status report")
		p.In.References = appendNew(p.In.References, p.Bounce.MessageID)
	}
	return p, nil
}

func (p *Parsed) problem(format string, args ...any) {
	if len(p.Problems) < 20 {
		p.Problems = append(p.Problems, fmt.Sprintf(format, args...))
	}
}

// readHeader fills the envelope fields: addresses, subject, date, threading.
func (p *Parsed) readHeader(h mail.Header) {
	in := &p.In
	in.From = firstAddress(addresses(h, "From"))
	if in.From.Address == "" {
		in.From = firstAddress(addresses(h, "Sender"))
	}
	in.To = addresses(h, "To")
	in.Cc = addresses(h, "Cc")
	in.Subject = headerText(&h.Header, "Subject")
	p.subject, p.replied = NormalizeSubject(in.Subject)
	if d, err := h.Date(); err == nil {
		in.ReceivedAt = d.UTC()
	}
	in.MessageRef = messageID(h)
	in.References = references(h)
	for _, a := range append(append([]crm.Address{}, in.To...), in.Cc...) {
		in.References = appendNew(in.References, replyTokenRefs([]string{a.Address})...)
	}
	if why := automatedBy(h); why != "" {
		p.automated(why)
	}
}

// automated marks the message automated; the first reason found stands.
func (p *Parsed) automated(why string) {
	if !p.In.Automated {
		p.In.Automated, p.In.AutomatedReason = true, why
	}
}

// reported marks a machine report (a bounce, a read receipt) automated: its
// kind says more than the headers or the sender that showed it first.
func (p *Parsed) reported(why string) {
	p.In.Automated, p.In.AutomatedReason = true, why
}

func firstAddress(l []crm.Address) crm.Address {
	if len(l) == 0 {
		return crm.Address{}
	}
	return l[0]
}

// setArrival sets ReceivedAt: the Date header, else the server's arrival
// time.
func (p *Parsed) setArrival(t time.Time) {
	if p.In.ReceivedAt.IsZero() || p.In.ReceivedAt.After(t.Add(24*time.Hour)) {
		p.In.ReceivedAt = t.UTC()
	}
}

// firstID returns the first word of a Message-ID header, without <>.
func firstID(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return cleanID(f[0])
	}
	return ""
}

func cleanID(s string) string {
	return strings.Trim(strings.TrimSpace(s), "<>")
}

// appendNew appends the ids not already in l.
func appendNew(l []string, ids ...string) []string {
	for _, id := range ids {
		if id != "" && !slices.Contains(l, id) {
			l = append(l, id)
		}
	}
	return l
}
