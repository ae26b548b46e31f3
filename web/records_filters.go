package web

import (
	"net/url"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// filterView is one select of a list's filter bar.
type filterView struct {
	Name, Label string
	Options     []selectOption
}

// ownerFilter and the others are the filters several lists share.
var (
	ownerFilter = field{Name: "owner", Type: "owner"}
	dueFilter   = field{Name: "due", Options: []string{"overdue", "today", "week"}}
	// countdownFilter lists by the pool: soonest reclaim first, about to be
	// reclaimed, frozen.
	countdownFilter = field{Name: "countdown", Options: []string{"days_left", "soon", "frozen"}}
)

// filterViews builds the filter bar: every select starts with "any", the
// owner select offers mine, the pool where the kind has one, and each
// colleague the viewer may see records of.
func (c *cells) filterViews(filters []field, pool bool, f listFilter) []filterView {
	chosen := map[string]string{"owner": f.Owner, "status": f.Status, "kind": f.Kind, "due": f.Due,
		"countdown": f.Countdown, "method": f.Method}
	out := make([]filterView, 0, len(filters))
	for _, fl := range filters {
		v := chosen[fl.Name]
		fv := filterView{Name: fl.Name, Label: c.t("field." + fl.Name),
			Options: []selectOption{{Value: "", Label: c.t("filter.any")}}}
		if fl.Type == "owner" {
			fv.Options = append(fv.Options, c.ownerOptions(pool, v)...)
		} else {
			fv.Options = append(fv.Options, c.selectOptions(fl, v)...)
		}
		out = append(out, fv)
	}
	return out
}

func (c *cells) ownerOptions(pool bool, v string) []selectOption {
	out := []selectOption{{Value: "mine", Label: c.t("owner.mine"), Selected: v == "mine"}}
	if pool {
		out = append(out, selectOption{Value: "pool", Label: c.t("owner.pool"), Selected: v == "pool"})
	}
	if c.v.Role == crm.RoleRep {
		return out
	}
	for _, u := range c.users {
		if u.ID == c.v.UserID || (c.v.Role != crm.RoleAdmin && !sameID(u.TeamID, &c.v.TeamID)) {
			continue
		}
		id := strconv.FormatInt(u.ID, 10)
		out = append(out, selectOption{Value: id, Label: u.Name, Selected: id == v})
	}
	return out
}

func (c *cells) selectOptions(f field, v string) []selectOption {
	out := make([]selectOption, 0, len(f.Options))
	for _, o := range f.Options {
		out = append(out, selectOption{Value: o, Label: c.selectOption(f.Name, o), Selected: o == v})
	}
	return out
}

// userOptions are the owners the viewer may choose: a rep only themself or
// the pool (crm.Viewer.MayAssign), others every enabled user.
func (c *cells) userOptions(v string) []selectOption {
	out := []selectOption{{Value: "", Label: c.t("owner.pool"), Selected: v == ""}}
	for _, u := range c.users {
		id := strconv.FormatInt(u.ID, 10)
		if (u.Disabled || !c.v.MayAssign(&u.ID)) && id != v {
			continue
		}
		out = append(out, selectOption{Value: id, Label: u.Name, Selected: id == v})
	}
	return out
}

// newLinks are links to new related records (pairs of a message key and a
// form URL with its prefill query), each coming back to back once saved.
func (c *cells) newLinks(back string, pairs ...string) []navLink {
	out := make([]navLink, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, navLink{Label: c.t(pairs[i]), URL: pairs[i+1] + "&next=" + url.QueryEscape(back)})
	}
	return out
}

// labelFilter is the select of the company's labels, for the lists whose
// records carry them (customers, leads, contacts).
func (c *cells) labelFilter(names []string, chosen string) filterView {
	fv := filterView{Name: "tag", Label: c.t("field.tags"), Options: []selectOption{{Value: "", Label: c.t("filter.any")}}}
	for _, n := range names {
		fv.Options = append(fv.Options, selectOption{Value: n, Label: n, Selected: n == chosen})
	}
	return fv
}
