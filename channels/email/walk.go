package email

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/rapport-crm/rapport/crm"
)

// walker visits a message's parts, keeping the first text and HTML bodies
// and streaming every other leaf into the blob store.
type walker struct {
	ctx    context.Context
	p      *Parsed
	blobs  crm.BlobStore
	parts  int
	report bool // inside multipart/report
}

func (w *walker) walk(e *message.Entity, depth int) error {
	if w.parts++; w.parts > maxParts || depth > maxDepth {
		w.p.problem("too many or too deeply nested parts")
		return nil
	}
	mt, params, _ := e.Header.ContentType()
	if mr := e.MultipartReader(); mr != nil {
		if mt == "multipart/report" && strings.EqualFold(params["report-type"], "delivery-status") {
			w.report = true
		}
		return w.walkMultipart(mr, depth)
	}
	return w.leaf(e, mt)
}

func (w *walker) walkMultipart(mr message.MultipartReader, depth int) error {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if part == nil {
			w.p.problem("multipart: %v", err)
			return nil
		}
		if err != nil {
			w.p.problem("part: %v", err)
		}
		fixHeader(&part.Header)
		if err := w.walk(part, depth+1); err != nil {
			return err
		}
	}
}

// leaf handles one non-multipart part.
func (w *walker) leaf(e *message.Entity, mt string) error {
	disp, _, _ := e.Header.ContentDisposition()
	name := partName(&e.Header)
	switch {
	case w.report && mt == "message/delivery-status":
		w.p.readDeliveryStatus(w.read(e.Body, 64<<10))
		return nil
	case w.report && (mt == "message/rfc822" || mt == "text/rfc822-headers" || mt == "message/rfc822-headers"):
		w.p.readBounced(e.Body)
		return nil
	case (mt == "text/plain" || mt == "text/html" || mt == "") && disp != "attachment" && name == "":
		w.body(e, mt)
		return nil
	}
	return w.attach(e, mt, name)
}

// body keeps a text or HTML body; later text parts of the same kind (a
// message split around an inline image) are appended.
func (w *walker) body(e *message.Entity, mt string) {
	// message.New already decoded a known charset; an unknown or missing one
	// leaves raw bytes, which toUTF8 sorts out.
	s := strings.ReplaceAll(toUTF8(string(w.read(e.Body, maxBodyText))), "\r\n", "\n")
	if mt == "text/html" {
		w.p.In.HTML = joinBody(w.p.In.HTML, s)
		return
	}
	w.p.In.Text = joinBody(w.p.In.Text, s)
}

func joinBody(have, more string) string {
	if have == "" {
		return more
	}
	return have + "\n" + more
}

// read reads at most limit bytes of a body, noting a decoding error or a
// truncation as a problem and keeping what was read.
func (w *walker) read(r io.Reader, limit int64) []byte {
	b, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		w.p.problem("body: %v", err)
	}
	if int64(len(b)) == limit {
		if n, _ := io.Copy(io.Discard, r); n > 0 {
			w.p.problem("body truncated at %d bytes", limit)
		}
	}
	return b
}
