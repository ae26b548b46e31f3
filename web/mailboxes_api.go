package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

const (
	del        = http.MethodDelete
	refMailbox = "mailbox"
)

func (s *Server) mailboxes() (crm.MailboxStore, error) {
	if s.deps.Mailboxes == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Email is not available on this server.")
	}
	return s.deps.Mailboxes, nil
}

func (s *Server) listMailboxes(r *http.Request) (crm.List[*crm.Mailbox], error) {
	mbs, err := s.mailboxes()
	if err != nil {
		return crm.List[*crm.Mailbox]{}, err
	}
	l, err := mbs.Mailboxes(r.Context())
	return crm.NewList(l, len(l), func(m *crm.Mailbox) int64 { return m.ID }), err
}

func (s *Server) getMailbox(r *http.Request) (*crm.Mailbox, error) {
	mbs, err := s.mailboxes()
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return mbs.Mailbox(r.Context(), id)
}

// newMailbox is a new mailbox with the API's defaults: TLS on the usual
// ports, the last 30 days.
func newMailbox() *crm.Mailbox {
	return &crm.Mailbox{IMAPPort: 993, IMAPTLS: crm.SecurityTLS, SMTPPort: 465, SMTPTLS: crm.SecurityTLS,
		SyncDays: 30, Enabled: true}
}

func (s *Server) createMailbox(r *http.Request) (*crm.Mailbox, error) {
	mbs, err := s.mailboxes()
	if err != nil {
		return nil, err
	}
	m := newMailbox()
	if err := decodeNew(r, m); err != nil {
		return nil, err
	}
	m.ID, m.Status = 0, crm.MailboxStatus{}
	if err := mbs.CreateMailbox(r.Context(), m); err != nil {
		return nil, err
	}
	return m, s.auditMailbox(r, "mailbox.create", m)
}

// updateMailbox changes a mailbox. Its secrets read back as null, so a
// body that echoes them, or leaves them out, keeps the stored ones.
func (s *Server) updateMailbox(r *http.Request) (*crm.Mailbox, error) {
	old, err := s.getMailbox(r)
	if err != nil {
		return nil, err
	}
	m, err := clone(old) // the JSON round trip drops the secrets: kept unless sent
	if err != nil {
		return nil, err
	}
	if err := decodeNew(r, m); err != nil {
		return nil, err
	}
	m.ID, m.CreatedAt = old.ID, old.CreatedAt
	if err := s.deps.Mailboxes.UpdateMailbox(r.Context(), m); err != nil {
		return nil, err
	}
	if err := s.auditMailbox(r, "mailbox.update", m); err != nil {
		return nil, err
	}
	return s.deps.Mailboxes.Mailbox(r.Context(), m.ID)
}

func (s *Server) deleteMailbox(r *http.Request) (*crm.Mailbox, error) {
	m, err := s.getMailbox(r)
	if err != nil {
		return nil, err
	}
	if err := s.deps.Mailboxes.DeleteMailbox(r.Context(), m.ID); err != nil {
		return nil, err
	}
	return m, s.auditMailbox(r, "mailbox.delete", m)
}

func (s *Server) auditMailbox(r *http.Request, action string, m *crm.Mailbox) error {
	actor := userOf(r.Context()).ID
	return s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: action,
		Subject: crm.Ref{Kind: refMailbox, ID: m.ID}, Detail: m.Name + " <" + m.Address + ">"})
}
