package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// setupDismissed is the install flag of a hidden first-run checklist.
const setupDismissed = "setup_dismissed"

// setupStep is one line of the first-run checklist; it ticks itself when
// what it asks for exists.
type setupStep struct {
	Key  string `json:"key"` // wechat, mailbox, form, team
	Done bool   `json:"done"`
	URL  string `json:"url"` // where to do it
}

// setupState is the checklist and whether an admin hid it.
type setupState struct {
	Steps     []setupStep `json:"steps"`
	Done      int         `json:"done"`
	Dismissed bool        `json:"dismissed"`
}

// Complete reports whether every step is done.
func (st *setupState) Complete() bool { return st.Done == len(st.Steps) }

func (s *Server) getSetup(r *http.Request) (*setupState, error) { return s.setup(r.Context()) }

// setup counts what exists: a WeChat account, a mailbox, a form, a second
// user. A channel this server does not run counts as not done.
func (s *Server) setup(ctx context.Context) (*setupState, error) {
	st := &setupState{}
	var err error
	st.Dismissed, err = s.store.InstallFlag(ctx, setupDismissed)
	if err != nil {
		return nil, err
	}
	wechat, mailbox, form := false, false, false
	if s.deps.WeChat != nil {
		as, err := s.deps.WeChat.WeChatAccounts(ctx)
		if err != nil {
			return nil, err
		}
		wechat = len(as) > 0
	}
	if s.deps.Mailboxes != nil {
		ms, err := s.deps.Mailboxes.Mailboxes(ctx)
		if err != nil {
			return nil, err
		}
		mailbox = len(ms) > 0
	}
	if s.deps.Forms != nil {
		fs, err := s.deps.Forms.ListForms(ctx)
		if err != nil {
			return nil, err
		}
		form = len(fs) > 0
	}
	n, err := s.store.CountUsers(ctx)
	if err != nil {
		return nil, err
	}
	st.Steps = []setupStep{
		{Key: "wechat", Done: wechat, URL: "/setup#wechat"},
		{Key: "mailbox", Done: mailbox, URL: "/mailboxes/new"},
		{Key: "form", Done: form, URL: "/forms/new"},
		{Key: "team", Done: n > 1, URL: "/admin/users"},
	}
	for _, step := range st.Steps {
		if step.Done {
			st.Done++
		}
	}
	return st, nil
}

// dismissSetup hides the checklist for every admin.
func (s *Server) dismissSetup(r *http.Request) (*setupState, error) {
	u := userOf(r.Context())
	if err := s.store.SetInstallFlag(r.Context(), setupDismissed, u.ID); err != nil {
		return nil, err
	}
	if err := s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &u.ID, Action: "setup.dismiss",
		Subject: crm.Ref{Kind: refUser, ID: u.ID}, Detail: "first-run checklist hidden"}); err != nil {
		return nil, err
	}
	return s.setup(r.Context())
}

// setupPending reports whether an admin's home page should be the
// checklist: on an empty installation (nothing connected, no one invited)
// whose checklist nobody hid. Later the checklist stays one tab away.
func (s *Server) setupPending(r *http.Request) bool {
	u := userOf(r.Context())
	if u == nil || u.Role != crm.RoleAdmin {
		return false
	}
	st, err := s.setup(r.Context())
	return err == nil && !st.Dismissed && st.Done == 0
}
