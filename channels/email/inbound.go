package email

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// ingestOne parses a fetched message and ingests it with the current
// watermark; a bounce is then reported on the message it bounces.
func (p *Poller) ingestOne(ctx context.Context, f *fetched, folder string, tr *tracker) error {
	parsed, err := Parse(ctx, f.Raw, p.cfg.Blobs)
	if err != nil {
		return fmt.Errorf("parse uid %d: %w", f.UID, err)
	}
	if len(parsed.Problems) > 0 {
		p.log.Info("malformed mail kept raw", "folder", folder, "uid", f.UID, "problems", len(parsed.Problems))
		p.log.Debug("malformed mail", "uid", f.UID, "problems", parsed.Problems)
	}
	in := &parsed.In
	in.Account, in.ExternalID = p.account, ExternalID(f.Raw)
	in.Source = crm.LeadSource{Channel: crm.ChannelEmail}
	parsed.setArrival(f.Arrived)
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = p.cfg.Now().UTC()
	}
	if err := p.threadBySubject(ctx, parsed); err != nil {
		return err
	}
	res, err := p.cfg.Ingest.Ingest(ctx, in, p.cursor(folder, tr.watermark()))
	if err != nil {
		return fmt.Errorf("ingest uid %d: %w", f.UID, err)
	}
	tr.stored(f.UID)
	p.count(res.Duplicate)
	return p.reportBounce(ctx, parsed)
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
			parsed.In.References = appendNew(parsed.In.References, h.MessageRef)
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
	if b == nil || b.MessageID == "" || p.cfg.Reports == nil {
		return nil
	}
	reason := b.Reason
	if reason == "" {
		reason = "bounced"
	}
	err := p.cfg.Reports.SetDelivery(ctx, crm.ChannelEmail, p.account, b.MessageID, crm.DeliveryFailed, reason)
	if crm.ErrorCode(err) == crm.ENOTFOUND {
		p.log.Debug("bounce of a message not sent from here", "message_id", b.MessageID)
		return nil
	}
	return err
}

func (p *Poller) count(duplicate bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if duplicate {
		p.status.Duplicates++
	} else {
		p.status.Ingested++
	}
}
