package matcher

import (
	"maps"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// maxCustom is how many custom fields a lead may hold (crm.Lead.Normalize).
const maxCustom = 50

// newLead builds the lead for an unknown sender from what the message
// states. It is valid for crm.Lead.Normalize: a sender with no name,
// company, address or phone (a WeChat follower with only an openid) is
// named by the channel's address for them, so the lead is keyed by it.
func (d *decision) newLead() *crm.Lead {
	in, f := d.in, d.f
	l := &crm.Lead{
		Name:    clip(firstOf(in.Person.Name, in.From.Name), 200),
		Company: clip(strings.TrimSpace(in.Person.Company), 200),
		Title:   clip(strings.TrimSpace(in.Person.Title), 200),
		Phone:   f.stated,
		Source:  in.Source,
		Status:  crm.LeadNew,
		Custom:  firstCustom(in.Person.Custom),
		Tags:    slices.Clone(in.Person.Tags),
		Notes:   clip(notes(in.Subject, in.Text), d.m.notesMax),
	}
	l.Source.Channel = in.Channel
	if len(f.emails) > 0 {
		l.Email = f.emails[0]
	}
	if l.Phone == "" && len(f.phones) == 1 {
		l.Phone = f.phones[0] // the one number the sender wrote is theirs
	}
	if l.Name == "" && l.Company == "" && l.Email == "" && l.Phone == "" {
		l.Name = clip(firstOf(in.From.Address, identityValue(in.Identity)), 200)
	}
	if l.Name == "" && l.Company == "" && l.Email == "" && l.Phone == "" {
		return nil // nothing to know them by; the message is still stored
	}
	return l
}

func notes(subject, text string) string {
	return strings.TrimSpace(strings.TrimSpace(subject) + "\n\n" + strings.TrimSpace(text))
}

func identityValue(id *crm.Identity) string {
	if id == nil {
		return ""
	}
	return id.Value
}

// firstCustom copies up to maxCustom fields, in key order so the choice is
// stable.
func firstCustom(in map[string]string) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, min(len(in), maxCustom))
	for _, k := range slices.Sorted(maps.Keys(in)) {
		if len(out) == maxCustom {
			break
		}
		out[k] = in[k]
	}
	return out
}
