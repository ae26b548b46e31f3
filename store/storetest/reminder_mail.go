package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunReminderMail checks users' own settings, the reminder mails' queue
// (each reminder occurrence mailed once) and that the care done is limited
// to what a viewer sees inside the query, so that a page is full.
func RunReminderMail(t *testing.T, open Opener) {
	t.Run("UserSettings", func(t *testing.T) { testUserSettings(t, open(t)) })
	t.Run("Queue", func(t *testing.T) { testReminderMailQueue(t, open(t)) })
	t.Run("CareOccurrencesVisible", func(t *testing.T) { testCareOccurrencesVisible(t, open(t)) })
}

func reminderMailStore(t *testing.T, s crm.Store) crm.ReminderMailStore {
	t.Helper()
	rm, ok := s.(crm.ReminderMailStore)
	if !ok {
		t.Fatal("the store does not implement crm.ReminderMailStore")
	}
	return rm
}

func testUserSettings(t *testing.T, s crm.Store) {
	w, rm := newWorld(t, s), reminderMailStore(t, s)
	got, err := rm.UserSettings(ctx, w.repA1.ID)
	must(t, err)
	same(t, "defaults", *got, crm.UserSettings{UserID: w.repA1.ID, ReminderEmail: true, NotifyWeChat: true, NotifyPool: true})
	must(t, rm.SaveUserSettings(ctx, &crm.UserSettings{UserID: w.repA1.ID, TimeZone: "Europe/Berlin"}))
	got, err = rm.UserSettings(ctx, w.repA1.ID)
	must(t, err)
	same(t, "saved", *got, crm.UserSettings{UserID: w.repA1.ID, TimeZone: "Europe/Berlin"})
	wantFields(t, rm.SaveUserSettings(ctx, &crm.UserSettings{UserID: w.repA1.ID, TimeZone: "Mars/Olympus"}), "time_zone")
	wantCode(t, rm.SaveUserSettings(ctx, &crm.UserSettings{UserID: 9999}), crm.ENOTFOUND)
	users, err := rm.ReminderMailUsers(ctx)
	must(t, err)
	for _, u := range users {
		if u.User.ID == w.repA1.ID {
			t.Fatal("a user who turned reminder emails off is not mailed")
		}
	}
	same(t, "the others are", len(users), 5)
}

func testReminderMailQueue(t *testing.T, s crm.Store) {
	w, rm := newWorld(t, s), reminderMailStore(t, s)
	due := time.Now().Add(-time.Hour)
	rs := []crm.Reminder{{Kind: crm.RemindTask, Ref: crm.Ref{Kind: crm.RefTask, ID: 1}, Title: "call", DueAt: due},
		{Kind: crm.RemindFollowUp, Ref: crm.Ref{Kind: "followup", ID: 2}, Title: "visit", DueAt: due}}
	todo, err := rm.UnmailedReminders(ctx, w.repA1.ID, rs)
	must(t, err)
	same(t, "nothing mailed yet", len(todo), 2)
	m := &crm.ReminderMail{UserID: w.repA1.ID, To: w.repA1.Email, Subject: "2 due", Text: "…", NextAt: time.Now()}
	must(t, rm.QueueReminderMail(ctx, m, rs[:1]))
	todo, err = rm.UnmailedReminders(ctx, w.repA1.ID, rs)
	must(t, err)
	same(t, "the mailed one is left out", todo, rs[1:])
	moved := rs[0]
	moved.DueAt = due.Add(time.Hour)
	todo, err = rm.UnmailedReminders(ctx, w.repA1.ID, []crm.Reminder{moved})
	must(t, err)
	same(t, "a task due again later is a new occurrence", len(todo), 1)
	err = rm.QueueReminderMail(ctx, &crm.ReminderMail{UserID: w.repA1.ID, To: w.repA1.Email, NextAt: time.Now()}, rs[:1])
	wantCode(t, err, crm.ECONFLICT)
	ms, err := rm.DueReminderMails(ctx, time.Now().Add(time.Second), 10)
	must(t, err)
	same(t, "one mail due (the refused one left nothing)", len(ms), 1)
	at := time.Now()
	ms[0].State, ms[0].Attempts, ms[0].SentAt = crm.DeliverySent, 1, &at
	must(t, rm.FinishReminderMail(ctx, ms[0]))
	ms, err = rm.DueReminderMails(ctx, time.Now().Add(time.Second), 10)
	must(t, err)
	same(t, "sent: no longer due", len(ms), 0)
	list, err := rm.ListReminderMails(ctx, w.repA1.ID, 10)
	must(t, err)
	same(t, "the user's mails", [2]any{len(list), list[0].State}, [2]any{1, crm.DeliverySent})
}

func testCareOccurrencesVisible(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cs, ok := s.(crm.CareStore)
	if !ok {
		t.Fatal("the store does not implement crm.CareStore")
	}
	p := &crm.CarePlan{Name: "生日", Action: crm.CareActionTask, Trigger: crm.CareTrigger{Kind: crm.CareBirthday},
		Texts: map[string]crm.CareText{"zh-CN": {Text: "生日快乐"}}, Locale: "zh-CN", SendAt: "10:00"}
	must(t, cs.CreateCarePlan(ctx, p))
	owners := []*crm.User{w.repA1, w.repB, w.repB, w.repB, w.repA2, w.repB, w.repB}
	for i, o := range owners {
		k := &crm.Contact{Name: "客户" + itoa(int64(i)), OwnerID: &o.ID}
		must(t, s.CreateContact(ctx, k))
		_, err := cs.RecordCareOccurrence(ctx, &crm.CareOccurrence{PlanID: p.ID, ContactID: k.ID,
			OccursOn: crm.Date{Year: 2026, Month: 3, Day: 1}, OwnerID: &o.ID, State: crm.CareStateSkipped,
			At: aTime(i)})
		must(t, err)
	}
	v := viewer(w.mgrA)
	got, err := cs.ListCareOccurrences(ctx, crm.CareOccurrenceFilter{Viewer: &v, Limit: 2})
	must(t, err)
	same(t, "a manager's page is full of their team's care", len(got), 2)
	for _, o := range got {
		if *o.OwnerID == w.repB.ID {
			t.Fatal("another team's care is not shown")
		}
	}
}
