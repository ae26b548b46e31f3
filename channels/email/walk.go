package email

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
	"github.com/rapport-crm/rapport/crm"
)

// walker visits a message's parts, keeping the first text and HTML bodies
// and streaming every other leaf into the blob store. It reads the MIME
// structure itself rather than through message.Entity so that it decides
// the charset of each text (see decodeCharset) and copes with a
// Content-Type that repeats its boundary.
type walker struct {
	ctx    context.Context
	p      *Parsed
	blobs  crm.BlobStore
	parts  int
	report string // the report-type of the enclosing multipart/report
	nested bool   // reading an attached message: its own attachments stay in it
}

func (w *walker) walk(h message.Header, body io.Reader, depth int) error {
	if w.parts++; w.parts > maxParts || depth > maxDepth {
		w.p.problem("too many or too deeply nested parts")
		return nil
	}
	ct := readContentType(&h)
	if ct.problem != "" {
		w.p.problem("%s", ct.problem)
	}
	if strings.HasPrefix(ct.media, "multipart/") && len(ct.all("boundary")) > 0 {
		if ct.media == "multipart/report" {
			w.report = strings.ToLower(ct.first("report-type"))
			w.p.noteReport(w.report)
		}
		return w.walkMultipart(ct, body, depth)
	}
	return w.leaf(h, ct, body)
}

func (w *walker) walkMultipart(ct contentType, body io.Reader, depth int) error {
	boundary, body := w.chooseBoundary(ct.all("boundary"), body)
	mr := textproto.NewMultipartReader(body, boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil || part == nil {
			w.p.problem("multipart: %v", err)
			return nil
		}
		h := message.Header{Header: part.Header}
		fixHeader(&h)
		if err := w.walk(h, part, depth+1); err != nil {
			return err
		}
	}
}

// leaf handles one non-multipart part: its transfer encoding is undone
// here, its charset (for a text body) in body.
func (w *walker) leaf(h message.Header, ct contentType, raw io.Reader) error {
	plain := message.Header{Header: h.Header.Copy()}
	plain.Set("Content-Type", "application/octet-stream") // no charset decoding by go-message
	e, err := message.New(plain, raw)
	if err != nil {
		w.p.problem("part: %v", err)
	}
	e.Header = h
	disp, _, _ := h.ContentDisposition()
	name := partName(&h)
	mt := ct.media
	switch {
	case mt == "message/delivery-status" || mt == "message/global-delivery-status":
		w.p.readDeliveryStatus(w.read(e.Body, 64<<10))
		return nil
	case mt == "message/disposition-notification" || mt == "message/global-disposition-notification":
		w.p.readDisposition(w.read(e.Body, 64<<10))
		return nil
	case w.report != "" && (mt == "message/rfc822" || mt == "text/rfc822-headers" || mt == "message/rfc822-headers" ||
		mt == "message/global-headers"):
		// The message reported on: a bounce is about it; a read receipt
		// or another report only belongs with it.
		w.p.readReported(e.Body, strings.HasSuffix(w.report, "delivery-status"))
		return nil
	case (mt == "text/plain" || mt == "text/html" || mt == "") && disp != "attachment" && name == "":
		w.body(e, mt, ct.first("charset"))
		return nil
	case mt == "message/rfc822" || mt == "message/global":
		return w.forwarded(e, name)
	}
	return w.attach(e, mt, name)
}

// body keeps a text or HTML body; later text parts of the same kind (a
// message split around an inline image) are appended.
func (w *walker) body(e *message.Entity, mt, charset string) {
	b := w.read(e.Body, maxBodyText)
	s := strings.ReplaceAll(decodeCharset(charset, trimCutRune(b, charset)), "\r\n", "\n")
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
