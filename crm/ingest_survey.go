package crm

import (
	"context"
	"time"
)

// SurveyReplies is what the ingest asks of satisfaction surveys: a
// customer's reply that is only a score (ParseScore), in a conversation
// with a survey waiting, is that survey's answer.
type SurveyReplies interface {
	// OpenSurvey returns the conversation's survey waiting for a reply at
	// at. ENOTFOUND when there is none.
	OpenSurvey(ctx context.Context, conversationID int64, at time.Time) (*Survey, error)
	// AnswerSurvey records the score (and marks the reply decided for the
	// bot, so that it is not answered as a question).
	AnswerSurvey(ctx context.Context, a SurveyAnswer) (*Survey, error)
}

// surveyReply returns the survey in answers and the score it carries, or
// nil. Only a customer's own message in a known conversation that reads as
// a bare score costs a query: the rest of the batch pays nothing.
func (g *Ingester) surveyReply(ctx context.Context, in *Inbound, m *Match, isNew bool, now time.Time) (*Survey, int, error) {
	if g.cfg.Surveys == nil || isNew || in.Automated || in.Aside || m.FromUs {
		return nil, 0, nil
	}
	score, ok := ParseScore(in.Text)
	if !ok {
		return nil, 0, nil
	}
	sv, err := g.cfg.Surveys.OpenSurvey(ctx, m.ConversationID, now)
	if IsNotFound(err) {
		return nil, 0, nil
	}
	return sv, score, err
}

// answerSurvey records the reply msg as sv's score. A survey that expired
// or was answered by a link meanwhile is no reason to lose the message, so
// those refusals are ignored.
func (g *Ingester) answerSurvey(ctx context.Context, sv *Survey, score int, msg *Message, now time.Time) error {
	id := msg.ID
	_, err := g.cfg.Surveys.AnswerSurvey(ctx, SurveyAnswer{SurveyID: sv.ID, Score: score, By: AnsweredByReply,
		MessageID: &id, At: now})
	if c := ErrorCode(err); c == EINVALID || c == ENOTFOUND {
		g.cfg.Logger.Warn("survey reply not counted", "survey", sv.ID, "err", err)
		return nil
	}
	return err
}
