package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) listCanned(r *http.Request) ([]*crm.CannedReply, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	return ib.CannedReplies(r.Context())
}

func (s *Server) createCanned(r *http.Request) (*crm.CannedReply, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	var c crm.CannedReply
	if err := decodeNew(r, &c); err != nil {
		return nil, err
	}
	uid := viewerOf(r).UserID
	c.CreatedBy = &uid
	if err := ib.CreateCannedReply(r.Context(), &c); err != nil {
		return nil, err
	}
	return &c, nil
}

func (s *Server) deleteCanned(r *http.Request) (deleted, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return deleted{}, err
	}
	return deleted{Deleted: true}, ib.DeleteCannedReply(r.Context(), id)
}

// inlineType reports whether an attachment type is shown in the page
// (images, voice); anything else downloads. SVG is not among them: it may hold script.
func inlineType(ct string) bool {
	switch {
	case ct == "image/png", ct == "image/jpeg", ct == "image/gif", ct == "image/webp":
		return true
	case strings.HasPrefix(ct, "audio/"):
		return true
	}
	return false
}

// getAttachment streams an attachment of a message the user may see.
func (s *Server) getAttachment(w http.ResponseWriter, r *http.Request) {
	ib, id, err := s.inboxAndID(r)
	if err == nil && s.deps.Blobs == nil {
		err = crm.Errorf(crm.ENOTFOUND, "This server keeps no files.")
	}
	var a *crm.Attachment
	if err == nil {
		a, err = ib.MessageAttachment(r.Context(), viewerOf(r), id)
	}
	var rc io.ReadCloser
	if err == nil {
		rc, err = s.deps.Blobs.Open(r.Context(), a.SHA256)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	disposition := "attachment"
	ct := a.ContentType
	if inlineType(ct) {
		disposition = "inline"
	} else {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": a.Name}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, max-age=86400")
	io.Copy(w, rc)
}
