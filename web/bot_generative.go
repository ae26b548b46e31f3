package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// generative returns the store of the generative settings: Deps.Bot's or
// the main store's, when it keeps them (the SQL store does).
func (s *Server) generative() (crm.GenerativeStore, error) {
	for _, st := range []any{s.deps.Bot, s.store} {
		if g, ok := st.(crm.GenerativeStore); ok {
			return g, nil
		}
	}
	return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "this server has no generative settings")
}

func (s *Server) getGenerative(r *http.Request) (*crm.GenerativeSettings, error) {
	g, err := s.generative()
	if err != nil {
		return nil, err
	}
	return g.GenerativeSettings(r.Context())
}

// putGenerative saves the settings; the key is write-only (an empty one
// keeps the stored key) and never comes back.
func (s *Server) putGenerative(r *http.Request) (*crm.GenerativeSettings, error) {
	g, err := s.generative()
	if err != nil {
		return nil, err
	}
	var gs crm.GenerativeSettings
	if err := decodeNew(r, &gs); err != nil {
		return nil, err
	}
	return &gs, g.SaveGenerativeSettings(r.Context(), &gs)
}
