package care_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
)

// A send due in quiet hours waits for their end; a week of downtime
// catches up only what the grace window allows.
func TestQuietHoursAndGrace(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			late := w.contact(t, "夜猫", "1990-01-10")
			w.conv(t, late, crm.ChannelEmail, "1", local(2026, 12, 1, 9))
			p := w.plan(t, crm.CarePlan{Name: "夜间", SendAt: "22:00", GraceDays: 1,
				Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			for _, at := range []time.Time{local(2027, 1, 10, 21), local(2027, 1, 10, 22), local(2027, 1, 11, 8)} {
				w.clock.Set(at)
				must(t, w.care.Sweep(ctx, at))
				if n := len(w.occurrences(t)); n != 0 {
					t.Fatalf("at %s: %d occurrences, want the send to wait", at, n)
				}
			}
			w.clock.Set(local(2027, 1, 11, 9))
			must(t, w.care.Sweep(ctx, w.clock.Now()))
			if o := w.occurrences(t)[key(p, late, "2027-01-10")]; o == nil || o.State != crm.CareStateQueued {
				t.Fatalf("after the quiet hours: %+v", o)
			}

			// Downtime from 1 to 8 February: grace 2 days reaches back to the 6th.
			var ks []*crm.Contact
			for _, b := range []string{"1980-02-03", "1980-02-06", "1980-02-07", "1980-02-08"} {
				k := w.contact(t, "客户"+b, b)
				w.conv(t, k, crm.ChannelEmail, "1", local(2026, 12, 1, 9))
				ks = append(ks, k)
			}
			g := w.plan(t, crm.CarePlan{Name: "补发", GraceDays: 2, Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			w.clock.Set(local(2027, 2, 8, 12))
			must(t, w.care.Sweep(ctx, w.clock.Now()))
			got := w.occurrences(t)
			for i, on := range []string{"2027-02-03", "2027-02-06", "2027-02-07", "2027-02-08"} {
				if o := got[key(g, ks[i], on)]; (o != nil) != (i > 0) {
					t.Errorf("%s: occurrence %v, want %v", on, o != nil, i > 0)
				}
			}
		})
	}
}

// The channel ladder: WeChat inside the window, the template outside it,
// email (with its one-click unsubscribe link) when WeChat cannot; an
// opt-out stops every channel; the cap holds across plans.
func TestLadderOptOutAndCap(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{Cap: 1, UnsubscribeURL: "https://crm.example/care/unsubscribe"})
			now := local(2027, 5, 1, 12)
			w.clock.Set(now)
			inWindow, tmpl, mail, out := w.contact(t, "甲", "1980-05-01"), w.contact(t, "乙", "1980-05-01"),
				w.contact(t, "丙", "1980-05-01"), w.contact(t, "丁", "1980-05-01")
			w.conv(t, inWindow, crm.ChannelWeChat, "wx-plain", now.Add(-time.Hour))
			w.conv(t, tmpl, crm.ChannelWeChat, "wx-tmpl", now.Add(-72*time.Hour))
			w.conv(t, mail, crm.ChannelWeChat, "wx-plain", now.Add(-72*time.Hour))
			w.conv(t, mail, crm.ChannelEmail, "1", now.Add(-72*time.Hour))
			w.conv(t, out, crm.ChannelEmail, "1", now.Add(-time.Hour))
			must(t, w.db.SetCareOptOut(ctx, out.ID, true, "rep: no care messages"))
			p := w.plan(t, crm.CarePlan{Name: "生日", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			second := w.plan(t, crm.CarePlan{Name: "五一", Trigger: crm.CareTrigger{Kind: crm.CareYearlyDate, Month: 5, Day: 1}})
			must(t, w.care.Sweep(ctx, now))
			got := w.occurrences(t)
			for _, c := range []struct {
				k             *crm.Contact
				state, reason string
			}{
				{inWindow, crm.CareStateQueued, "wechat customer-service message"},
				{tmpl, crm.CareStateQueued, "wechat template message"},
				{mail, crm.CareStateQueued, "email"},
				{out, crm.CareStateSkipped, "the contact opted out of care messages"},
			} {
				o := got[key(p, c.k, "2027-05-01")]
				if o == nil || o.State != c.state || o.Reason != c.reason {
					t.Errorf("%s: %+v, want %s %q", c.k.Name, o, c.state, c.reason)
				}
				if o2 := got[key(second, c.k, "2027-05-01")]; o2 == nil || o2.State != crm.CareStateSkipped {
					t.Errorf("%s: second plan %+v, want skipped (cap 1 or opt-out)", c.k.Name, o2)
				}
			}
			claimed, err := w.db.ClaimOutbound(ctx, now.Add(time.Minute), now.Add(time.Hour), 50)
			must(t, err)
			unsub := 0
			for _, m := range claimed {
				if m.Channel == crm.ChannelEmail && m.Unsubscribe != "" {
					unsub++
				}
			}
			if len(claimed) != 3 || unsub != 1 {
				t.Errorf("outbox holds %d messages, %d with an unsubscribe link; want 3 and 1", len(claimed), unsub)
			}
		})
	}
}

// Two instances sweeping one PostgreSQL at once: every occurrence once.
func TestTwoInstancesOnePostgres(t *testing.T) {
	w := newWorld(t, engines[1], care.Config{Cap: 100, Workers: 4})
	now := local(2027, 6, 1, 12)
	w.clock.Set(now)
	for i := 0; i < 30; i++ {
		k := w.contact(t, "客户", "1980-06-01")
		w.conv(t, k, crm.ChannelEmail, "1", now.Add(-time.Hour))
	}
	w.plan(t, crm.CarePlan{Name: "生日", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
	w.plan(t, crm.CarePlan{Name: "六一", Trigger: crm.CareTrigger{Kind: crm.CareYearlyDate, Month: 6, Day: 1}})
	db2, _ := engines[1].open(t, w.url)
	_, second := w.service(t, db2, care.Config{Cap: 100, Workers: 4})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := w.care
			if i%2 == 1 {
				s = second
			}
			errs[i] = s.Sweep(ctx, now)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		must(t, err)
	}
	claimed, err := w.db.ClaimOutbound(ctx, now.Add(time.Minute), now.Add(time.Hour), 500)
	must(t, err)
	if n := len(w.occurrences(t)); n != 60 || len(claimed) != 60 {
		t.Errorf("%d occurrences and %d messages, want 60 of each", n, len(claimed))
	}
}

func TestPlanValidation(t *testing.T) {
	w := newWorld(t, engines[0], care.Config{})
	for _, c := range []struct {
		name  string
		plan  crm.CarePlan
		field string
	}{
		{"unknown variable", crm.CarePlan{Name: "x", Action: "send", Trigger: crm.CareTrigger{Kind: crm.CareBirthday},
			Texts: map[string]crm.CareText{"zh-CN": {Text: "{{contact.nmae}} 生日快乐"}}}, "texts.zh-CN.text"},
		{"no trigger", crm.CarePlan{Name: "x", Action: "send", Texts: map[string]crm.CareText{"zh-CN": {Text: "hi"}}}, "trigger.kind"},
		{"no action", crm.CarePlan{Name: "x", Trigger: crm.CareTrigger{Kind: crm.CareBirthday},
			Texts: map[string]crm.CareText{"zh-CN": {Text: "hi"}}}, "action"},
		{"bad date", crm.CarePlan{Name: "x", Action: "send", Trigger: crm.CareTrigger{Kind: crm.CareYearlyDate, Month: 2, Day: 30},
			Texts: map[string]crm.CareText{"zh-CN": {Text: "hi"}}}, "trigger.month"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := w.care.SavePlan(ctx, crm.Viewer{Role: crm.RoleAdmin}, &c.plan)
			ce, ok := err.(*crm.Error)
			if !ok || ce.Code != crm.EINVALID || ce.Fields[c.field] == "" {
				t.Fatalf("got %v, want EINVALID naming %s", err, c.field)
			}
			if ps, _ := w.db.ListCarePlans(ctx, false); len(ps) != 0 {
				t.Fatalf("%d plans saved", len(ps))
			}
		})
	}
}

// The care sweep under the scheduler, as serve registers it: two
// instances ticking on one database send each birthday once.
func TestSweepUnderScheduler(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			k := w.contact(t, "王小明", "1980-08-08")
			w.conv(t, k, crm.ChannelEmail, "1", local(2027, 8, 1, 9))
			p := w.plan(t, crm.CarePlan{Name: "生日", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			db2, _ := e.open(t, w.url)
			_, second := w.service(t, db2, care.Config{})
			var scheds []*crm.Scheduler
			for i, s := range []*care.Service{w.care, second} {
				scheds = append(scheds, crm.NewScheduler(crm.SchedulerConfig{Leases: w.db, Now: w.clock.Now,
					Holder: fmt.Sprintf("instance-%d", i)}, crm.Sweep{Name: "care", Every: time.Minute, Run: s.Sweep}))
			}
			w.clock.Set(local(2027, 8, 8, 9))
			for range 120 { // two hours, a tick a minute on each instance
				for _, s := range scheds {
					must(t, s.Tick(ctx))
				}
				w.clock.Add(time.Minute)
			}
			got := w.occurrences(t)
			if o := got[key(p, k, "2027-08-08")]; len(got) != 1 || o == nil || o.State != crm.CareStateQueued {
				t.Fatalf("occurrences %v", keys(got))
			}
		})
	}
}

// A contact in New York is greeted at 10:00 New York time on their day.
func TestContactTimeZone(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			k := w.contact(t, "Anna", "1980-01-10")
			w.conv(t, k, crm.ChannelEmail, "1", local(2026, 12, 1, 9))
			must(t, w.db.SetCareTimeZone(ctx, k.ID, "America/New_York"))
			p := w.plan(t, crm.CarePlan{Name: "birthday", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			ny, _ := time.LoadLocation("America/New_York")
			for _, at := range []time.Time{local(2027, 1, 10, 12), time.Date(2027, 1, 10, 9, 59, 0, 0, ny)} {
				must(t, w.care.Sweep(ctx, at))
				if n := len(w.occurrences(t)); n != 0 {
					t.Fatalf("at %s: sent before 10:00 in New York", at)
				}
			}
			must(t, w.care.Sweep(ctx, time.Date(2027, 1, 10, 10, 0, 0, 0, ny)))
			if o := w.occurrences(t)[key(p, k, "2027-01-10")]; o == nil || o.State != crm.CareStateQueued {
				t.Fatalf("at 10:00 in New York: %v", keys(w.occurrences(t)))
			}
		})
	}
}

// A care message the channel refuses for good (a bounce, WeChat 43004)
// shows on its occurrence as failed with the channel's reason.
func TestPermanentFailureShown(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			now := local(2027, 4, 2, 12)
			w.clock.Set(now)
			k := w.contact(t, "王小明", "1980-04-02")
			w.conv(t, k, crm.ChannelEmail, "1", now.Add(-time.Hour))
			p := w.plan(t, crm.CarePlan{Name: "生日", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			must(t, w.care.Sweep(ctx, now))
			claimed, err := w.db.ClaimOutbound(ctx, now.Add(time.Minute), now.Add(time.Hour), 10)
			must(t, err)
			if len(claimed) != 1 {
				t.Fatalf("%d queued", len(claimed))
			}
			must(t, w.db.FinishOutbound(ctx, claimed[0], crm.SendOutcome{State: crm.DeliveryFailed,
				Reason: "550 5.1.1 mailbox unknown", At: now.Add(time.Minute)}))
			o := w.occurrences(t)[key(p, k, "2027-04-02")]
			if o == nil || o.Delivery != crm.DeliveryFailed || o.DeliveryError != "550 5.1.1 mailbox unknown" {
				t.Fatalf("occurrence %+v", o)
			}
			must(t, w.care.Sweep(ctx, now.Add(2*time.Hour))) // not tried again
			if again, _ := w.db.ClaimOutbound(ctx, now.Add(3*time.Hour), now.Add(4*time.Hour), 10); len(again) != 0 {
				t.Errorf("%d messages queued again", len(again))
			}
		})
	}
}

// An unfollow on WeChat is an opt-out on every channel: the birthday
// wish does not go on by email, and the preview says so.
func TestUnfollowStopsEveryChannel(t *testing.T) {
	w := newWorld(t, engines[0], care.Config{})
	now := local(2027, 5, 1, 12)
	w.clock.Set(now)
	k := w.contact(t, "戊", "1980-05-01")
	k.Identities = []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wx-plain", Value: "o-left"}}
	must(t, w.db.UpdateContact(ctx, crm.System, k))
	w.conv(t, k, crm.ChannelWeChat, "wx-plain", now.Add(-time.Hour))
	w.conv(t, k, crm.ChannelEmail, "1", now.Add(-time.Hour))
	must(t, w.db.SetWeChatSubscribed(ctx, "wx-plain", "o-left", false, now.Add(-time.Minute)))
	p := w.plan(t, crm.CarePlan{Name: "生日", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
	items, err := w.care.Preview(ctx, p, 1)
	must(t, err)
	if len(items) != 1 || !strings.Contains(items[0].Skip, "unfollowed") {
		t.Fatalf("preview %+v", items)
	}
	must(t, w.care.Sweep(ctx, now))
	o := w.occurrences(t)[key(p, k, "2027-05-01")]
	if o == nil || o.State != crm.CareStateSkipped || !strings.Contains(o.Reason, "unfollowed WeChat account wx-plain") {
		t.Fatalf("occurrence %+v, want skipped: unfollowed", o)
	}
}
