package email

import (
	"context"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ingestOne parses a fetched message and ingests it with the current
// watermark; a bounce is then reported on the message it bounces.
func (p *Poller) ingestOne(ctx context.Context, f *fetched, folder string, tr *tracker) (err error) {
	defer func() {
		if r := recover(); r != nil { // a bug must not stop the folder: the message is set aside
			err = fmt.Errorf("uid %d: panic: %v", f.UID, r)
		}
	}()
	parsed, err := p.prepare(ctx, f.Raw, f.Arrived, folder, f.UID)
	if err != nil {
		return fmt.Errorf("uid %d: %w", f.UID, err)
	}
	res, err := p.cfg.Ingester.Ingest(ctx, &parsed.In, p.cursor(folder, tr.watermark()))
	if err != nil {
		return fmt.Errorf("ingest uid %d: %w", f.UID, err)
	}
	tr.stored(f.UID)
	p.clearStrike(strikeKey{folder, tr.validity(), f.UID})
	p.status.stored(res.Duplicate)
	return p.reportBounce(ctx, parsed)
}

// prepare parses raw into an Inbound of this mailbox, threaded by subject
// when its mailer dropped the references.
func (p *Poller) prepare(ctx context.Context, raw []byte, arrived time.Time, folder string, uid uint32) (*Parsed, error) {
	parsed, err := Parse(ctx, raw, p.cfg.Blobs)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(parsed.Problems) > 0 {
		p.log.Info("malformed mail kept raw", "folder", folder, "uid", uid, "problems", len(parsed.Problems))
		p.log.Debug("malformed mail", "uid", uid, "problems", parsed.Problems)
	}
	in := &parsed.In
	in.Account, in.ExternalID = p.account, ExternalID(raw)
	in.Source = crm.LeadSource{Channel: crm.ChannelEmail}
	p.mu.Lock()
	in.FromUs = p.address != "" && in.From.Address == p.address // a Bcc or a copy of what we sent
	p.mu.Unlock()
	parsed.setArrival(arrived)
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = p.cfg.Now().UTC()
	}
	return parsed, p.threadBySubject(ctx, parsed)
}

// threadBySubject appends, as the weakest reference, the Message-ID of the
// sender's recent message with the same normalized subject, for replies
// whose mailer dropped In-Reply-To and References.
func (p *Poller) threadBySubject(ctx context.Context, parsed *Parsed) error {
	if !parsed.replied || parsed.subject == "" || parsed.In.From.Address == "" {
		return nil
	}
	since := parsed.In.ReceivedAt.Add(-p.cfg.ThreadWindow)
	hints, err := p.cfg.Store.RecentThreads(ctx, p.account, parsed.In.From.Address, since, 20)
	if err != nil {
		return err
	}
	for _, h := range hints {
		if s, _ := NormalizeSubject(h.Subject); s == parsed.subject && h.MessageRef != parsed.In.MessageRef {
			parsed.In.ThreadHint = h.MessageRef
			return nil
		}
	}
	return nil
}

// reportBounce marks the bounced outbound message failed. It is repeated
// for a duplicate (a crash may have come between the two), and a bounce of
// mail we did not send is ignored.
func (p *Poller) reportBounce(ctx context.Context, parsed *Parsed) error {
	b := parsed.Bounce
	if !b.failed() || p.cfg.Deliveries == nil {
		return nil
	}
	reason := b.Reason
	if reason == "" {
		reason = "bounced"
	}
	err := p.cfg.Deliveries.SetDelivery(ctx, crm.ChannelEmail, p.account, b.MessageID, crm.DeliveryFailed, reason)
	if crm.IsNotFound(err) {
		p.log.Debug("bounce of a message not sent from here", "message_id", b.MessageID)
		return nil
	}
	return err
}
