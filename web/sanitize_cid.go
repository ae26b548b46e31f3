package web

import (
	"context"
	"encoding/base64"
	htmlstd "html"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// mailDoc is a message's HTML for its sandboxed frame: sanitized, remote
// images only when asked, and its inline images (cid:) shown from the
// message's own attachments by src, which gives an image's source ("" for
// none). shown holds the ids of the attachments the frame shows.
func mailDoc(m *crm.Message, images bool, src func(*crm.Attachment) string) (doc string, shown map[int64]bool) {
	body, shown := inlineImages(sanitizeEmail(m.HTML, images), m.Attachments, src)
	return frameDoc(body), shown
}

// maxInlineImage bounds an inline image put into its mail's document.
const maxInlineImage = 512 << 10

// inlineSrc is an inline image as a data: URI. Not its attachment's URL:
// the sandboxed frame's requests carry no session cookie (its origin is
// opaque, the cookie SameSite=Lax), so that URL would answer 401 there.
// The type is the one its bytes show: mail programs send inline images as
// application/octet-stream too, and a declared type may be wrong. A
// larger or unusual image is left out of the frame (it is listed with the
// message's files).
func (s *Server) inlineSrc(ctx context.Context) func(*crm.Attachment) string {
	return func(a *crm.Attachment) string {
		if s.deps.Blobs == nil || a.Size > maxInlineImage || !imageCandidate(a) {
			return ""
		}
		rc, err := s.deps.Blobs.Open(ctx, a.SHA256)
		if err != nil {
			return ""
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxInlineImage))
		if err != nil {
			return ""
		}
		typ := http.DetectContentType(b)
		if !slices.Contains(inlineImageTypes, typ) {
			return ""
		}
		return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(b)
	}
}

var inlineImageTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// imageCandidate tells whether a cid: reference may show a as an image:
// it is declared one, or declared nothing in particular.
func imageCandidate(a *crm.Attachment) bool {
	t := strings.ToLower(strings.TrimSpace(a.ContentType))
	return strings.HasPrefix(t, "image/") || t == "application/octet-stream" || t == ""
}

// cidSrc finds the cid: sources left by the sanitizer, which writes every
// attribute double-quoted and escaped.
var cidSrc = regexp.MustCompile(`\ssrc="cid:([^"]*)"`)

// inlineImages points each cid: source at the image attachment of the same
// message that it names, and empties the ones that name none: a mail can
// only show its own files, which whoever sees the mail may open anyway.
func inlineImages(sanitized string, files []crm.Attachment, src func(*crm.Attachment) string) (string, map[int64]bool) {
	shown := map[int64]bool{}
	out := cidSrc.ReplaceAllStringFunc(sanitized, func(m string) string {
		raw := htmlstd.UnescapeString(cidSrc.FindStringSubmatch(m)[1])
		a := cidAttachment(raw, files)
		if a == nil {
			return ` src=""`
		}
		s := src(a)
		if s != "" {
			shown[a.ID] = true
		}
		return ` src="` + htmlstd.EscapeString(s) + `"`
	})
	return out, shown
}
