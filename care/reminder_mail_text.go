package care

import (
	"fmt"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// reminderKinds names each kind of reminder in the mail's language.
var reminderKinds = map[string]map[string]string{
	"zh-CN": {crm.RemindFollowUp: "跟进", crm.RemindTask: "任务", crm.RemindInstalment: "回款计划",
		crm.RemindContractEnd: "合同到期", crm.RemindSnooze: "会话唤醒"},
	"en": {crm.RemindFollowUp: "Follow-up", crm.RemindTask: "Task", crm.RemindInstalment: "Instalment",
		crm.RemindContractEnd: "Contract end", crm.RemindSnooze: "Snoozed conversation"},
}

// reminderMailText writes a user's reminder mail in their language (zh-CN
// unless they chose English): one line per reminder with its due time in
// their zone and a link to it.
func reminderMailText(u *crm.User, rs []crm.Reminder, zone *time.Location, base string) (string, string) {
	loc := "zh-CN"
	if u.Locale == "en" {
		loc = "en"
	}
	subject := fmt.Sprintf("Rapport：%d 项提醒到期", len(rs))
	head := "以下事项已到期："
	if loc == "en" {
		subject = fmt.Sprintf("Rapport: %d reminders due", len(rs))
		head = "These are due:"
	}
	var b strings.Builder
	b.WriteString(head + "\n\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "- [%s] %s — %s", reminderKinds[loc][r.Kind], r.Title, r.DueAt.In(zone).Format("2006-01-02 15:04"))
		if base != "" {
			b.WriteString("\n  " + strings.TrimRight(base, "/") + r.Path())
		}
		b.WriteString("\n")
	}
	if base != "" {
		b.WriteString("\n" + strings.TrimRight(base, "/") + "/reminders\n")
	}
	return subject, b.String()
}
