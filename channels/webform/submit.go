package webform

import (
	"context"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// submit takes one POST: origin, rate limits, body, honeypot, mapping and
// checks, then Ingest. Nothing is stored unless every check passed.
func (h *Handler) submit(w http.ResponseWriter, r *http.Request, f *crm.Form) {
	if !h.allowOrigin(w, r, f) {
		h.fail(w, r, f, nil, crm.Errorf(crm.EFORBIDDEN, "This site may not post this form."))
		return
	}
	if err := h.takeTokens(w, r, f); err != nil {
		h.fail(w, r, f, nil, err)
		return
	}
	vals, err := readValues(w, r, h.cfg.MaxBody)
	if err != nil {
		h.fail(w, r, f, vals, err)
		return
	}
	if vals[honeypotField] != "" {
		// Answered as a success, so that the bot learns nothing.
		h.cfg.Logger.Info("form honeypot filled: dropped", "form", f.Key, "ip", h.cfg.ClientIP(r))
		h.accepted(w, r, f, vals)
		return
	}
	m, err := h.mapValues(f, vals)
	if err != nil {
		h.fail(w, r, f, vals, err)
		return
	}
	in := h.inbound(r, f, vals, m, h.cfg.Now())
	res, err := h.cfg.Ingester.Ingest(r.Context(), in, nil)
	if err != nil {
		h.fail(w, r, f, vals, err)
		return
	}
	h.cfg.Logger.Debug("form submission", "form", f.Key, "message", res.MessageID,
		"duplicate", res.Duplicate, "new_lead", res.NewLead)
	if !res.Duplicate {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
		h.afterIngest(ctx, f, in, res)
		cancel()
	}
	h.accepted(w, r, f, vals)
}

// takeTokens spends one token of the client's and one of the form's rate
// limit, or answers when to come back.
func (h *Handler) takeTokens(w http.ResponseWriter, r *http.Request, f *crm.Form) error {
	now := h.cfg.Now()
	_, ok, wait := h.perIP.Spend(r.Context(), ratelimit.ClientKey(h.cfg.ClientIP(r)), now) // IPv6 per /64
	if ok {
		_, ok, wait = h.byForm.Spend(r.Context(), f.Key, now)
	}
	if ok {
		return nil
	}
	w.Header().Set("Retry-After", ratelimit.RetryAfter(wait))
	return crm.Errorf(crm.ERATELIMITED, "Too many submissions. Please try again in a moment.")
}

// afterIngest queues the confirmation. The submission is safe already: a
// failure here is logged, never answered as an error.
func (h *Handler) afterIngest(ctx context.Context, f *crm.Form, in *crm.Inbound, res *crm.IngestResult) {
	c := f.Confirmation
	if c == nil || h.cfg.Outbox == nil || in.Person.Email == "" {
		return
	}
	_, err := h.cfg.Outbox.Queue(ctx, crm.System, crm.Draft{ConversationID: res.ConversationID,
		Channel: crm.ChannelEmail, Account: c.Mailbox, Kind: crm.OutAuto,
		To: []crm.Address{{Name: in.Person.Name, Address: in.Person.Email}}, Subject: c.Subject, Text: c.Text})
	if err != nil {
		h.cfg.Logger.Warn("form confirmation not queued", "form", f.Key, "message", res.MessageID,
			"code", crm.ErrorCode(err), "err", err)
	}
}
