package webform

import (
	"context"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// maxCached bounds the cache: a flood of made-up keys empties it rather
// than growing it.
const maxCached = 10000

// formCache keeps form definitions (and unknown keys) for a short while:
// every submission needs its form, and the database need not answer the
// same question thousands of times a second.
type formCache struct {
	forms Forms
	ttl   time.Duration
	now   func() time.Time
	mu    sync.Mutex
	m     map[string]cachedForm
}

type cachedForm struct {
	form    *crm.Form
	err     error // ENOTFOUND only: other errors are not kept
	expires time.Time
}

func newFormCache(forms Forms, ttl time.Duration, now func() time.Time) *formCache {
	return &formCache{forms: forms, ttl: ttl, now: now, m: map[string]cachedForm{}}
}

// get returns the form with key. ENOTFOUND.
func (c *formCache) get(ctx context.Context, key string) (*crm.Form, error) {
	if key == "" || len(key) > 100 {
		return nil, errNoForm()
	}
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.form, e.err
	}
	f, err := c.forms.FormByKey(ctx, key)
	if err != nil && !crm.IsNotFound(err) {
		return nil, err
	}
	if err != nil {
		err = errNoForm()
	}
	if c.ttl > 0 {
		c.put(key, cachedForm{form: f, err: err, expires: now.Add(c.ttl)})
	}
	return f, err
}

func (c *formCache) put(key string, e cachedForm) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCached {
		clear(c.m)
	}
	c.m[key] = e
}

func errNoForm() error { return crm.Errorf(crm.ENOTFOUND, "No such form.") }
