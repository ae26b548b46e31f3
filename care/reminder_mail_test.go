package care_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
)

// TestReminderMails: a rep's due task is mailed once, in their language,
// with its link; what falls due in the quiet hours waits for the morning
// and goes in one mail; a rep who turned the emails off gets none.
func TestReminderMails(t *testing.T) {
	w := newSurveyWorld(t, "sqlite") // Monday 2027-03-01 10:00 in Shanghai
	mail := &recorder{}
	svc, err := care.New(care.Config{Store: w.db, Records: w.db, Reminders: w.db, Now: w.clock.Now, ReminderMail: w.db,
		Mail: mail, ReminderMailbox: "1", BaseURL: "https://crm.example.com"})
	must(t, err)
	task := func(title string, due time.Time, to *crm.User) *crm.Task {
		tk := &crm.Task{Title: title, DueAt: &due, AssigneeID: &to.ID}
		must(t, w.db.CreateTask(ctx, tk))
		return tk
	}
	call := task("回电陈女士", w.clock.Now().Add(-10*time.Minute), w.rep)
	task("manager's own", w.clock.Now().Add(-10*time.Minute), w.mgr)
	must(t, w.db.SaveUserSettings(ctx, &crm.UserSettings{UserID: w.mgr.ID, ReminderEmail: false}))
	must(t, svc.MailReminders(ctx, w.clock.Now()))
	must(t, svc.MailReminders(ctx, w.clock.Now().Add(5*time.Minute)))
	if len(mail.sent) != 1 {
		t.Fatalf("sent %d mails, want the rep's one", len(mail.sent))
	}
	m := mail.sent[0]
	if m.To[0].Address != w.rep.Email || m.Account != "1" || !strings.Contains(m.Text, "回电陈女士") ||
		!strings.Contains(m.Text, "https://crm.example.com/tasks/") || !strings.Contains(m.Subject, "1") {
		t.Fatalf("mail %+v", m)
	}
	w.clock.Set(local(2027, 3, 1, 22))
	task("报价", local(2027, 3, 1, 21).Add(30*time.Minute), w.rep)
	task("寄样品", local(2027, 3, 2, 8), w.rep)
	for w.clock.Now().Before(local(2027, 3, 2, 9)) {
		must(t, svc.MailReminders(ctx, w.clock.Now()))
		w.clock.Add(30 * time.Minute)
	}
	if len(mail.sent) != 1 {
		t.Fatalf("nothing is mailed in the quiet hours, got %d mails", len(mail.sent))
	}
	must(t, svc.MailReminders(ctx, w.clock.Now()))
	if len(mail.sent) != 2 || !strings.Contains(mail.sent[1].Text, "报价") || !strings.Contains(mail.sent[1].Text, "寄样品") ||
		strings.Contains(mail.sent[1].Text, call.Title) {
		t.Fatalf("the morning mail carries the night's two, not the first again: %+v", mail.sent[1:])
	}
	list, err := w.db.ListReminderMails(ctx, w.rep.ID, 10)
	must(t, err)
	if len(list) != 2 || list[0].State != crm.DeliverySent {
		t.Fatalf("the rep's mails: %+v", list)
	}
}
