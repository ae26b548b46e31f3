package bot

import (
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// handoff hands the conversation to a person and tells the follower when
// a colleague will answer.
func (b *Bot) handoff(s *crm.BotSettings, reason string, en bool, now time.Time) choice {
	text := s.HandoffText
	if text == "" {
		text = "已为您转接人工客服，同事会尽快回复您。"
		if en {
			text = "A colleague will answer you shortly."
		}
		if !s.Open(now) {
			text = "已为您转接人工客服，同事会在工作时间回复您。"
			if en {
				text = "A colleague will answer you during our business hours."
			}
			if h := hoursText(s); h != "" {
				text += " (" + h + ")"
			}
		}
	}
	return choice{action: crm.BotHandoff, reason: reason, text: text}
}

func ackText(s *crm.BotSettings, en bool) string {
	if s.AckText != "" {
		return s.AckText
	}
	if en {
		return "Thank you for your message: we have received it and a colleague will answer soon."
	}
	return "您好，您的邮件已收到，我们的同事会尽快回复您。"
}

var weekdays = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// hoursText lists the business hours, e.g. "周一 09:00-18:00, 周二 …".
func hoursText(s *crm.BotSettings) string {
	var parts []string
	for _, h := range s.Hours {
		if h.Day >= 0 && h.Day < 7 {
			parts = append(parts, weekdays[h.Day]+" "+h.From+"-"+h.To)
		}
	}
	return strings.Join(parts, ", ")
}
