package care

import (
	"context"
	"fmt"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The built-in question in each language: on WeChat the customer replies
// with a number; by email they click one of the links that follow.
var (
	surveyQuestion = map[string]string{
		"zh-CN": "您好，本次服务已结束。请为我们的服务打分：",
		"en":    "Thank you for contacting us. How satisfied are you with our service?",
	}
	surveyReplyHow = map[string]string{
		"zh-CN": "请回复数字 1–5（5 = 非常满意，1 = 非常不满意）。",
		"en":    "Please reply with a number from 1 to 5 (5 = very satisfied, 1 = very dissatisfied).",
	}
	surveyClickHow = map[string]string{
		"zh-CN": "请点击一个分数（无需登录）：",
		"en":    "Click a score (no login needed):",
	}
	scoreNames = map[string][5]string{
		"zh-CN": {"非常不满意", "不满意", "一般", "满意", "非常满意"},
		"en":    {"very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"},
	}
)

// queueQuestion queues the survey's question in its conversation: on
// WeChat a customer-service message (the outbox refuses it outside the
// 48-hour window), by email one link per score.
func (s *Service) queueQuestion(ctx context.Context, set *crm.SatisfactionSettings, sv *crm.Survey) (*crm.Message, error) {
	if s.cfg.Outbox == nil {
		return nil, crm.Errorf(crm.EINVALID, "no outbox on this server")
	}
	loc := set.Locale
	if _, ok := surveyQuestion[loc]; !ok {
		loc = "zh-CN"
	}
	q := or(strings.TrimSpace(set.Question), surveyQuestion[loc])
	text := q + "\n" + surveyReplyHow[loc]
	if sv.Channel == crm.ChannelEmail {
		links, err := s.scoreLinks(ctx, sv, loc)
		if err != nil {
			return nil, err
		}
		text = q + "\n\n" + surveyClickHow[loc] + "\n" + links
	}
	return s.cfg.Outbox.Queue(ctx, crm.System, crm.Draft{ConversationID: sv.ConversationID, Kind: crm.OutCare, Text: text})
}

// scoreLinks lists the five scores, best first, each with its link.
func (s *Service) scoreLinks(ctx context.Context, sv *crm.Survey, loc string) (string, error) {
	if s.cfg.BaseURL == "" {
		return "", crm.Errorf(crm.EINVALID, "the server's public address (RAPPORT_BASE_URL) is not set, so a survey link cannot be made")
	}
	tok, err := s.surveyToken(ctx, sv.ID, sv.ExpiresAt)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for n := 5; n >= 1; n-- {
		fmt.Fprintf(&b, "%d %s: %s/%d\n", n, scoreNames[loc][n-1], joinURL(s.cfg.BaseURL, "satisfaction/"+tok), n)
	}
	return b.String(), nil
}
