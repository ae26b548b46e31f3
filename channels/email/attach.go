package email

import (
	"errors"
	"io"
	"path"
	"strings"

	"github.com/emersion/go-message"
	"github.com/rapport-crm/rapport/crm"
)

// attach streams a part into the blob store. A part that fails to decode
// half way (bad base64) is kept as far as it decoded.
func (w *walker) attach(e *message.Entity, mt, name string) error {
	if mt == "" {
		mt = "application/octet-stream"
	}
	cid := w.contentID(e)
	if name == "" {
		name = defaultName(cid, mt)
	}
	if w.blobs == nil {
		w.p.problem("attachment %q not kept: no blob store", name)
		return nil
	}
	r := &softReader{r: e.Body}
	b, err := w.blobs.Put(w.ctx, r)
	if r.err != nil {
		w.p.problem("attachment %q: %v", name, r.err)
	}
	if err != nil {
		if crm.ErrorCode(err) == crm.ETOOLARGE {
			w.p.problem("attachment %q: %v", name, err)
			return nil
		}
		return err
	}
	w.p.In.Attachments = append(w.p.In.Attachments, crm.Attachment{
		SHA256: b.SHA256, Name: name, ContentType: mt, Size: b.Size, ContentID: cid,
	})
	return nil
}

// defaultName names an unnamed part: an inline image by its Content-ID.
func defaultName(cid, mt string) string {
	base := "attachment"
	if cid != "" {
		base = strings.NewReplacer("/", "_", "\\", "_").Replace(cid)
	}
	if cid == "" && path.Ext(base) != "" {
		return base
	}
	switch mt {
	case "message/rfc822":
		return base + ".eml"
	case "text/plain":
		return base + ".txt"
	case "text/html":
		return base + ".html"
	}
	if _, sub, ok := strings.Cut(mt, "/"); ok && len(sub) <= 5 && !strings.ContainsAny(sub, ".+-") {
		return base + "." + sub
	}
	return base
}

// softReader turns a decoding error into the end of the part, remembering
// it, so the blob store keeps what decoded instead of failing.
type softReader struct {
	r   io.Reader
	err error
}

func (s *softReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
		return n, io.EOF
	}
	return n, err
}
