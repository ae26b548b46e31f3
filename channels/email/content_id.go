package email

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/rapport-crm/rapport/crm"
)

// contentID is the Content-ID of a part as the store keeps it, or "" (with
// a problem noted) when the header holds nothing a cid: URL could name.
func (w *walker) contentID(e *message.Entity) string {
	id := contentID(&e.Header)
	if id != "" && !storableID(id) {
		w.p.problem("Content-ID of %d bytes or with control characters dropped", len(id))
		return ""
	}
	return id
}

// contentID reads a part's Content-ID: the id between its angle brackets
// (RFC 2045 msg-id; a comment after it is dropped), or the whole trimmed
// value when the sender wrote none. Otherwise kept as sent: cid: URLs
// compare case-sensitively (RFC 2392).
func contentID(h *message.Header) string {
	v := strings.TrimSpace(h.Get("Content-Id"))
	if rest, ok := strings.CutPrefix(v, "<"); ok {
		if id, _, closed := strings.Cut(rest, ">"); closed {
			return strings.TrimSpace(id)
		}
		return strings.TrimSpace(rest)
	}
	return v
}

// storableID refuses what the store would refuse or could not keep as text
// (PostgreSQL takes no NUL and no invalid UTF-8), and what no HTML would
// name: a truncated id would only match the wrong image.
func storableID(id string) bool {
	return len(id) <= crm.MaxContentID && utf8.ValidString(id) &&
		strings.IndexFunc(id, unicode.IsControl) < 0
}
