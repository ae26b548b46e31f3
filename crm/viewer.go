package crm

// Viewer is who is asking. Every read of owned records takes one, and stores
// return only what it may see: ENOTFOUND (not EFORBIDDEN) for the rest, so
// that the existence of another rep's record does not leak.
//
//   - an admin sees everything;
//   - a manager sees records owned by anyone in their team, their own, and
//     the pool (records with no owner);
//   - a rep sees their own records and the pool.
type Viewer struct {
	UserID int64
	Role   Role
	TeamID int64 // 0: no team
}

// System is the viewer of Rapport's own work (ingest, matcher, jobs): it sees
// everything.
var System = Viewer{Role: RoleAdmin}

// SeesAll reports whether v is unrestricted.
func (v Viewer) SeesAll() bool { return v.Role == RoleAdmin }

// MayAssign reports whether v may give a record to ownerID (nil: the pool)
// without further checks. Managers may assign within their team, which the
// caller checks against the owner's team; reps only to themselves or the pool.
func (v Viewer) MayAssign(ownerID *int64) bool {
	switch {
	case v.Role == RoleAdmin || v.Role == RoleManager:
		return true
	case ownerID == nil:
		return true
	}
	return *ownerID == v.UserID
}
