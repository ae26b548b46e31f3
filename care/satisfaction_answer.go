package care

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// AnswerByLink records the score of a survey link: the token names the
// survey and proves the link is ours. The same click again changes
// nothing; another score replaces the first until the link expires. A low
// score's task is opened at once. ENOTFOUND (not our link), EINVALID
// (expired, a score outside 1–5).
func (s *Service) AnswerByLink(ctx context.Context, token string, score int) (*crm.Survey, error) {
	if s.cfg.Satisfaction == nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such survey.")
	}
	now := s.cfg.Now()
	id, err := s.surveyOfToken(ctx, token, now)
	if err != nil {
		return nil, err
	}
	sv, err := s.cfg.Satisfaction.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: id, Score: score, By: crm.AnsweredByLink, At: now})
	if err != nil {
		return nil, err
	}
	if sv.Low() && sv.TaskID == nil {
		if err := s.lowTask(ctx, sv, now); err != nil && !errors.Is(err, errTaken) {
			s.cfg.Log.Warn("low score task; the sweep will retry", "survey", sv.ID, "err", err)
		}
		return s.cfg.Satisfaction.Survey(ctx, id)
	}
	return sv, nil
}

// SurveyOfLink returns the survey a link names, for its page. ENOTFOUND,
// EINVALID (expired).
func (s *Service) SurveyOfLink(ctx context.Context, token string) (*crm.Survey, error) {
	if s.cfg.Satisfaction == nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such survey.")
	}
	id, err := s.surveyOfToken(ctx, token, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	return s.cfg.Satisfaction.Survey(ctx, id)
}

// FollowLowScores gives each low score without a task yet its task.
func (s *Service) FollowLowScores(ctx context.Context, now time.Time) error {
	low, err := s.cfg.Satisfaction.LowSurveys(ctx, 200)
	if err != nil {
		return err
	}
	var errs []error
	for _, sv := range low {
		if err := s.lowTask(ctx, sv, now); err != nil && !errors.Is(err, errTaken) {
			errs = append(errs, fmt.Errorf("survey %d: %w", sv.ID, err))
		}
	}
	return errors.Join(errs...)
}

// lowTask opens the task for the manager of the conversation's team (else
// of the rep's, else the first admin), with the score, the reply and the
// conversation, and records it on the survey in the same transaction:
// once per survey, whoever runs it.
func (s *Service) lowTask(ctx context.Context, sv *crm.Survey, now time.Time) error {
	to, rep, err := s.managerFor(ctx, sv)
	if err != nil {
		return err
	}
	refs := []crm.Ref{{Kind: crm.RefConversation, ID: sv.ConversationID}}
	if sv.ContactID != nil {
		refs = append(refs, crm.Ref{Kind: crm.RefContact, ID: *sv.ContactID})
	}
	if sv.CustomerID != nil {
		refs = append(refs, crm.Ref{Kind: crm.RefCustomer, ID: *sv.CustomerID})
	}
	due := now.UTC().Add(24 * time.Hour)
	t := &crm.Task{Title: fmt.Sprintf("低分 Low satisfaction score %d/5 · conversation #%d", *sv.Score, sv.ConversationID),
		Details: lowDetails(sv, rep), DueAt: &due, AssigneeID: to, Refs: refs}
	return s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.cfg.Records.CreateTask(ctx, t); err != nil {
			return err
		}
		ok, err := s.cfg.Satisfaction.SetSurveyTask(ctx, sv.ID, t.ID)
		if err == nil && !ok {
			return errTaken
		}
		return err
	})
}

// lowDetails says why the task exists, in both languages.
func lowDetails(sv *crm.Survey, rep string) string {
	via := map[string]string{crm.AnsweredByReply: "a reply 回复", crm.AnsweredByLink: "the email link 邮件链接"}[sv.AnsweredBy]
	at := ""
	if sv.AnsweredAt != nil {
		at = sv.AnsweredAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	return strings.Join([]string{
		fmt.Sprintf("客户满意度 %d/5（阈值 ≤%d）。The customer rated the conversation resolved on %s %d out of 5 (low: %d or less).",
			*sv.Score, sv.LowScore, sv.ResolvedAt.UTC().Format(time.DateOnly), *sv.Score, sv.LowScore),
		fmt.Sprintf("Answered by %s at %s; rep 负责人: %s; channel %s.", via, at, rep, sv.Channel),
		fmt.Sprintf("Conversation /inbox/%d · survey #%d", sv.ConversationID, sv.ID),
	}, "\n")
}

// managerFor is whom a low score's task goes to, and the rep's name.
func (s *Service) managerFor(ctx context.Context, sv *crm.Survey) (*int64, string, error) {
	if s.cfg.Users == nil {
		return sv.RepID, "", nil
	}
	us, err := s.cfg.Users.ListUsers(ctx)
	if err != nil {
		return nil, "", err
	}
	team, rep := sv.TeamID, "—"
	for _, u := range us {
		if sv.RepID != nil && u.ID == *sv.RepID {
			rep = strings.TrimSpace(u.Name + " <" + u.Email + ">")
			if team == nil {
				team = u.TeamID
			}
		}
	}
	var admin *int64
	for _, u := range us {
		switch {
		case u.Disabled:
		case u.Role == crm.RoleManager && team != nil && u.TeamID != nil && *u.TeamID == *team:
			id := u.ID
			return &id, rep, nil
		case u.Role == crm.RoleAdmin && admin == nil:
			id := u.ID
			admin = &id
		}
	}
	return admin, rep, nil
}
