package crm

import "strings"

// DupMatch is one answer of the duplicate check (查重) and the public search
// (公共检索): that a lead, contact or customer exists, who owns it, and
// whether the viewer may open it. A record the viewer may not see is masked
// (Masked): its label shows only the ends of its name, and nothing else of it
// is given, so that nobody chases a company someone else owns and nobody
// learns more of it than that.
type DupMatch struct {
	Candidate
	Visible   bool   `json:"visible"`    // the viewer may open it; false: Label is masked
	InPool    bool   `json:"in_pool"`    // no owner (公海): it may be claimed under the pool's rules
	OwnerID   *int64 `json:"owner_id"`   // nil in the pool
	OwnerName string `json:"owner_name"` // who to ask about it; "" in the pool
}

// SeesOwned reports whether v may open a record owned by ownerID, a member of
// ownerTeam (0: none): the Viewer rules, for a record already read.
func (v Viewer) SeesOwned(ownerID *int64, ownerTeam int64) bool {
	switch {
	case v.SeesAll(), ownerID == nil, *ownerID == v.UserID:
		return true
	case v.Role == RoleManager && v.TeamID != 0:
		return ownerTeam == v.TeamID
	}
	return false
}

// MaskName keeps the ends of a name and stars its middle: "深圳市华强电子有限公司"
// reads "深圳*******公司", "Wang Fang" "Wa*****ng", "李伟" "李*". Enough for a
// rep who knows the company to recognise it, too little to learn it from.
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	keep := 0
	switch n := len(r); {
	case n <= 1:
		return strings.Repeat("*", max(n, 1))
	case n <= 4:
		keep = 1
	default:
		keep = 2
	}
	head, tail := string(r[:keep]), string(r[len(r)-keep:])
	if len(r) == 2 {
		tail = ""
	}
	return head + strings.Repeat("*", len(r)-len([]rune(head+tail))) + tail
}
