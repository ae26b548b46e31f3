package care

import (
	"slices"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var triggers = []string{crm.CareBirthday, crm.CareYearlyDate, crm.CareSpringFestival, crm.CareMidAutumn,
	crm.CareFirstOrderDay, crm.CareAfterDelivery, crm.CareAfterSigned, crm.CareAfterPayment,
	crm.CareBeforeEnd, crm.CareBeforeDue, crm.CareNoOrder}

// normalize fills a plan's defaults and validates it: every problem is
// named by its field, and an unknown template variable by its name.
func normalize(p *crm.CarePlan) error {
	if p.Locale == "" {
		p.Locale = "zh-CN"
	}
	if p.SendAt == "" {
		p.SendAt = "10:00"
	}
	pr := crm.Problems{}
	pr.Require("name", strings.TrimSpace(p.Name))
	pr.MaxLen("name", p.Name, 200)
	pr.Require("action", p.Action)
	pr.OneOf("action", p.Action, crm.CareActionSend, crm.CareActionTask)
	pr.OneOf("locale", p.Locale, "zh-CN", "en")
	checkTrigger(pr, p.Trigger)
	if _, ok := clock(p.SendAt); !ok {
		pr.Add("send_at", "must be a local time HH:MM")
	}
	if p.GraceDays < 0 || p.GraceDays > 30 {
		pr.Add("grace_days", "must be between 0 and 30")
	}
	for _, k := range p.Audience.Kinds {
		pr.OneOf("audience.kinds", k, crm.KindCustomer, crm.KindDealer, crm.KindAgent)
	}
	checkTexts(pr, p)
	return pr.Err()
}

func checkTrigger(pr crm.Problems, t crm.CareTrigger) {
	if !slices.Contains(triggers, t.Kind) {
		pr.Add("trigger.kind", "must be one of "+strings.Join(triggers, ", "))
		return
	}
	switch t.Kind {
	case crm.CareAfterDelivery, crm.CareAfterSigned, crm.CareAfterPayment, crm.CareBeforeEnd, crm.CareBeforeDue:
		if t.Days < 0 || t.Days > 366 {
			pr.Add("trigger.days", "must be between 0 and 366")
		}
	case crm.CareNoOrder:
		if t.Days < 1 || t.Days > 3660 {
			pr.Add("trigger.days", "must be between 1 and 3660")
		}
	case crm.CareYearlyDate:
		// 2024 is a leap year: 29 February is a day of the year.
		if d := time.Date(2024, time.Month(t.Month), t.Day, 0, 0, 0, 0, time.UTC); t.Month < 1 || t.Month > 12 ||
			d.Day() != t.Day {
			pr.Add("trigger.month", "month and day must name a day of the year")
		}
	}
}

// checkTexts wants a text in the plan's language and no unknown variable
// in any text.
func checkTexts(pr crm.Problems, p *crm.CarePlan) {
	if strings.TrimSpace(p.Texts[p.Locale].Text) == "" {
		pr.Add("texts."+p.Locale+".text", "is required")
	}
	for loc, t := range p.Texts {
		if loc != "zh-CN" && loc != "en" {
			pr.Add("texts", "languages are zh-CN and en, not "+loc)
		}
		for field, s := range map[string]string{"subject": t.Subject, "text": t.Text} {
			if v := checkTemplate(s); v != "" {
				pr.Add("texts."+loc+"."+field, "unknown variable {{"+v+"}}; known: "+strings.Join(Variables, ", "))
			}
		}
	}
}
