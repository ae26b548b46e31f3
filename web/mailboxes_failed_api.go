package web

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// retried answers a retry request: how many set-aside messages the
// poller will try again at its next sync.
type retried struct {
	Retried int `json:"retried"`
}

// listFailedMail lists the messages a mailbox's poller set aside.
func (s *Server) listFailedMail(r *http.Request) (crm.List[*crm.FailedMail], error) {
	m, err := s.getMailbox(r)
	if err != nil {
		return crm.List[*crm.FailedMail]{}, err
	}
	l, err := s.deps.Mailboxes.FailedMails(r.Context(), m.ID, false)
	return crm.NewList(l, len(l), func(f *crm.FailedMail) int64 { return f.ID }), err
}

// retryFailedMail asks the poller to try every set-aside message again.
func (s *Server) retryFailedMail(r *http.Request) (*retried, error) {
	m, err := s.getMailbox(r)
	if err != nil {
		return nil, err
	}
	n, err := s.deps.Mailboxes.RetryFailedMails(r.Context(), m.ID, 0)
	if err != nil {
		return nil, err
	}
	return &retried{n}, s.auditMailbox(r, "mailbox.retry_failed", m)
}

// getFailedMailRaw downloads a set-aside message as it came from the server.
func (s *Server) getFailedMailRaw(w http.ResponseWriter, r *http.Request) {
	m, err := s.getMailbox(r)
	var fid int64
	if err == nil {
		fid, err = parseID(chi.URLParam(r, "failed_id"))
	}
	var f *crm.FailedMail
	if err == nil {
		f, err = s.deps.Mailboxes.FailedMail(r.Context(), fid)
	}
	if err == nil && f.MailboxID != m.ID {
		err = crm.Errorf(crm.ENOTFOUND, "Failed message not found.")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "message/rfc822")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"failed-%d.eml\"", f.ID))
	w.Write(f.Raw) //nolint:errcheck // the client went away
}
