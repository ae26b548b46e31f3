package care

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// The lunar holidays against their published Gregorian dates.
func TestHolidays(t *testing.T) {
	for _, c := range []struct {
		kind string
		want string
	}{
		{crm.CareSpringFestival, "2020-01-25"}, {crm.CareSpringFestival, "2021-02-12"},
		{crm.CareSpringFestival, "2022-02-01"}, {crm.CareSpringFestival, "2023-01-22"},
		{crm.CareSpringFestival, "2024-02-10"}, {crm.CareSpringFestival, "2025-01-29"},
		{crm.CareSpringFestival, "2026-02-17"}, {crm.CareSpringFestival, "2027-02-06"},
		{crm.CareSpringFestival, "2028-01-26"}, {crm.CareSpringFestival, "2030-02-03"},
		{crm.CareMidAutumn, "2020-10-01"}, {crm.CareMidAutumn, "2021-09-21"},
		{crm.CareMidAutumn, "2022-09-10"}, {crm.CareMidAutumn, "2023-09-29"},
		{crm.CareMidAutumn, "2024-09-17"}, {crm.CareMidAutumn, "2025-10-06"},
		{crm.CareMidAutumn, "2026-09-25"}, {crm.CareMidAutumn, "2027-09-15"},
		{crm.CareMidAutumn, "2028-10-03"},
	} {
		want, _ := crm.ParseDate(c.want)
		if got := holiday(c.kind, want.Year); got != want {
			t.Errorf("%s %d: %s, want %s", c.kind, want.Year, got, want)
		}
	}
}

func TestTemplateVariables(t *testing.T) {
	for _, c := range []struct{ in, unknown string }{
		{"{{contact.name}}，生日快乐", ""}, {"{{ order.number }}", ""}, {"{{contact.nmae}}", "contact.nmae"},
		{"{{contact.name", "{{"}, {"Dear {{customer.name}} {{x}}", "x"},
	} {
		if got := checkTemplate(c.in); got != c.unknown {
			t.Errorf("%q: %q, want %q", c.in, got, c.unknown)
		}
	}
	if got := render("{{contact.name}}，您的合同 {{ order.number }} 于 {{contract.end_date}} 到期",
		map[string]string{"contact.name": "王", "order.number": "HT-1", "contract.end_date": "2027-09-30"}); got != "王，您的合同 HT-1 于 2027-09-30 到期" {
		t.Errorf("render: %q", got)
	}
}

func FuzzCheckTemplate(f *testing.F) {
	f.Add("{{contact.name}} {{x}}")
	f.Fuzz(func(t *testing.T, s string) {
		if checkTemplate(s) == "" {
			render(s, map[string]string{})
		}
	})
}
