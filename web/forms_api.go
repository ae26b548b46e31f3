package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// forms returns the form store, or ENOTIMPLEMENTED when this server has none.
func (s *Server) forms() (crm.FormStore, error) {
	if s.deps.Forms == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Web forms are not available on this server.")
	}
	return s.deps.Forms, nil
}

func (s *Server) listForms(r *http.Request) ([]*crm.Form, error) {
	fs, err := s.forms()
	if err != nil {
		return nil, err
	}
	return fs.ListForms(r.Context())
}

func (s *Server) createForm(r *http.Request) (*crm.Form, error) {
	fs, err := s.forms()
	if err != nil {
		return nil, err
	}
	f := &crm.Form{}
	if err := decodeNew(r, f); err != nil {
		return nil, err
	}
	if err := fs.CreateForm(r.Context(), f); err != nil {
		return nil, err
	}
	s.formChanged(f.ID)
	return f, nil
}

func (s *Server) getForm(r *http.Request) (*crm.Form, error) {
	fs, err := s.forms()
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return fs.Form(r.Context(), id)
}

// updateForm applies the fields the body sends onto the stored form.
func (s *Server) updateForm(r *http.Request) (*crm.Form, error) {
	f, err := s.getForm(r)
	if err != nil {
		return nil, err
	}
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if err := b.into(f); err != nil {
		return nil, err
	}
	if err := s.deps.Forms.UpdateForm(r.Context(), f); err != nil {
		return nil, err
	}
	s.formChanged(f.ID)
	return f, nil
}

// formChanged tells every instance's form capture to read the form again
// rather than serve its cached copy for a few more seconds.
func (s *Server) formChanged(id int64) {
	if s.deps.Events != nil {
		s.deps.Events.Publish(crm.Event{Kind: crm.EventFormChanged, RecordID: id})
	}
}

// deleted is the answer to a DELETE.
type deleted struct {
	Deleted bool `json:"deleted"`
}

func (s *Server) deleteForm(r *http.Request) (deleted, error) {
	fs, err := s.forms()
	if err != nil {
		return deleted{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return deleted{}, err
	}
	if err := fs.DeleteForm(r.Context(), id); err != nil {
		return deleted{}, err
	}
	s.formChanged(id)
	return deleted{true}, nil
}

func (s *Server) getFormSnippet(w http.ResponseWriter, r *http.Request) {
	f, err := s.getForm(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(formSnippet(s.cfg.BaseURL, f, chooseLang(w, r, ""))))
}
