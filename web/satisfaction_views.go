package web

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// surveyView is a survey as the conversation head and the panel show it:
// the score, or that it was asked and not answered, or why it was not.
type surveyView struct {
	ID, ConversationID int64
	State, Reason, By  string
	Score              int
	Low                bool
	At                 string
}

// surveyViews reads the surveys f names, those v may see, newest first.
// Without surveys on this server there are none.
func (s *Server) surveyViews(ctx context.Context, v crm.Viewer, f crm.SurveyFilter) ([]surveyView, error) {
	if s.deps.Satisfaction == nil {
		return nil, nil
	}
	f.Limit = panelSize
	svs, err := s.deps.Satisfaction.ListSurveys(ctx, v, f)
	if err != nil {
		return nil, err
	}
	out := make([]surveyView, 0, len(svs))
	for _, sv := range svs {
		w := surveyView{ID: sv.ID, ConversationID: sv.ConversationID, State: sv.State, Reason: sv.Reason,
			By: sv.AnsweredBy, Low: sv.Low(), At: localTime(&sv.AskedAt)}
		if sv.Score != nil {
			w.Score = *sv.Score
			w.At = localTime(sv.AnsweredAt)
		}
		out = append(out, w)
	}
	return out, nil
}

// surveys360 adds the customer's (else the contact's) latest scores to
// the panel.
func (s *Server) surveys360(ctx context.Context, v crm.Viewer, p *customer360) (err error) {
	switch {
	case p.Customer != nil:
		p.Surveys, err = s.surveyViews(ctx, v, crm.SurveyFilter{CustomerID: &p.Customer.ID})
	case p.Contact != nil:
		p.Surveys, err = s.surveyViews(ctx, v, crm.SurveyFilter{ContactID: &p.Contact.ID})
	}
	return err
}
