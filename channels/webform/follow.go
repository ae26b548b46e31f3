package webform

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Events is where the handler hears that forms changed (crm.Bus).
type Events interface {
	Subscribe(buffer int) (<-chan crm.Event, func())
}

// Follow drops cached forms as crm.EventFormChanged says they changed, on
// this instance or (through a shared bus) another, until ctx ends: a
// changed form takes effect at once rather than when its copy expires.
func (h *Handler) Follow(ctx context.Context, events Events) error {
	ch, stop := events.Subscribe(256)
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case e, ok := <-ch:
			if !ok {
				return nil
			}
			if e.Kind == crm.EventFormChanged || e.Kind == crm.EventResync {
				h.forms.forget(e.RecordID)
			}
		}
	}
}

// forget drops the form with id (every form for 0: a resync) and every
// unknown key, which a new form may now answer.
func (c *formCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key, e := range c.m {
		if id == 0 || e.form == nil || e.form.ID == id {
			delete(c.m, key)
		}
	}
}
