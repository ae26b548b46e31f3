package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// maxBotImage is WeChat's limit for an image sent as uploaded media.
const maxBotImage = 10 << 20

// uploadBotImage stores an image for image replies (multipart field
// "file"): its blob and its attachment row; a rule names it by image_id.
func (s *Server) uploadBotImage(r *http.Request) (*crm.Attachment, error) {
	if s.deps.Blobs == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "this server has no file store")
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return nil, invalid("file", "send the image as multipart form data, in the field file")
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return nil, invalid("file", "is required")
	}
	defer f.Close()
	ct := h.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "image/") {
		return nil, invalid("file", "must be an image (JPEG, PNG, GIF)")
	}
	if h.Size > maxBotImage {
		return nil, invalid("file", "is larger than WeChat's 10 MB")
	}
	b, err := s.deps.Blobs.Put(r.Context(), f)
	if err != nil {
		return nil, err
	}
	a := &crm.Attachment{SHA256: b.SHA256, Name: h.Filename, ContentType: ct, Size: b.Size}
	return a, s.store.CreateAttachment(r.Context(), a)
}

// fillRuleImage reads the metadata of the image a rule names, refusing
// one that is not an image.
func (s *Server) fillRuleImage(ctx context.Context, rule *crm.BotRule) error {
	rule.Image = nil
	if rule.ImageID == nil {
		return nil
	}
	a, err := s.store.Attachment(ctx, *rule.ImageID)
	switch {
	case crm.IsNotFound(err):
		return invalid("image_id", "is no uploaded image")
	case err != nil:
		return err
	case !strings.HasPrefix(a.ContentType, "image/") || a.Size > maxBotImage:
		return invalid("image_id", "must be an image of at most 10 MB")
	}
	rule.Image = a
	return nil
}
