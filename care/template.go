// Package care runs care plans (关怀): it finds each plan's due occurrences
// by indexed queries, and for each one, once, sends a message through the
// contact's channel or opens a task for the owner, recorded as a follow-up,
// respecting quiet hours, a frequency cap and the contact's opt-out.
package care

import (
	"regexp"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// Variables are the names a template may use, as {{contact.name}}.
var Variables = []string{
	"contact.name", "contact.title", "customer.name", "customer.short_name",
	"order.number", "order.title", "contract.end_date", "event.date", "occurrence.date", "plan.name",
}

var variablePattern = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// checkTemplate returns the first unknown variable in s, or "".
func checkTemplate(s string) string {
	for _, m := range variablePattern.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(Variables, m[1]) {
			return m[1]
		}
	}
	if strings.Contains(variablePattern.ReplaceAllString(s, ""), "{{") {
		return "{{"
	}
	return ""
}

// render fills s's variables from values; checkTemplate has vouched for
// every name, and a value that is unknown for this contact is left empty.
func render(s string, values map[string]string) string {
	return variablePattern.ReplaceAllStringFunc(s, func(v string) string {
		return values[variablePattern.FindStringSubmatch(v)[1]]
	})
}

// valuesFor is what the variables mean for one occurrence.
func valuesFor(p *crm.CarePlan, r *crm.CareRecipient, o *crm.Order, event, on crm.Date) map[string]string {
	v := map[string]string{"contact.name": r.Contact.Name, "contact.title": r.Contact.Title,
		"plan.name": p.Name, "event.date": event.String(), "occurrence.date": on.String()}
	if r.Customer != nil {
		v["customer.name"], v["customer.short_name"] = r.Customer.Name, r.Customer.ShortName
	}
	if o != nil {
		v["order.number"], v["order.title"] = o.Number, o.Title
		if o.EndDate != nil {
			v["contract.end_date"] = o.EndDate.String()
		}
	}
	return v
}
