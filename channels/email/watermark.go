package email

import "sync"

// tracker knows which UIDs of a batch are stored, and so the watermark.
type tracker struct {
	mu        sync.Mutex
	pos       position
	order     []uint32
	done      map[uint32]bool
	next      int  // index in order of the first UID not yet stored
	storedAny bool // whether the batch stored anything
}

func newTracker(pos position, uids []uint32) *tracker {
	t := &tracker{pos: pos, order: uids, done: make(map[uint32]bool, len(uids))}
	for _, u := range uids {
		t.done[u] = false
	}
	return t
}

func (t *tracker) wanted(uid uint32) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	done, ok := t.done[uid]
	return ok && !done
}

func (t *tracker) validity() uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos.validity
}

// watermark is the cursor a message may carry now.
func (t *tracker) watermark() position {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos
}

// stored marks uid stored and moves the
// watermark over every stored UID in order.
func (t *tracker) stored(uid uint32) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done[uid] = true
	t.storedAny = true
	t.advance()
}

func (t *tracker) advance() {
	for t.next < len(t.order) && t.done[t.order[t.next]] {
		t.pos.last = t.order[t.next]
		t.next++
	}
}

func (t *tracker) skipMissing() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for u := range t.done {
		t.done[u] = true
	}
	t.advance()
}

// final returns the cursor to save, and whether the batch stored anything.
func (t *tracker) final() (position, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos, t.storedAny
}
