package web

import (
	"github.com/rapport-crm/rapport/crm"
)

var followUpMethods = []string{crm.FollowCall, crm.FollowVisit, crm.FollowWeChat, crm.FollowEmail,
	crm.FollowMeeting, crm.FollowSMS, crm.FollowOther}

// followUpPages is only a form: follow-ups are logged from the 360° panel
// and the record pages, and listed there.
func (s *Server) followUpPages() *recordKind[crm.FollowUp] {
	method := field{Name: "method", Type: "select", Need: true, Options: followUpMethods}
	return &recordKind[crm.FollowUp]{
		path: "follow-ups", one: "rec.follow_up", res: s.followUps,
		fields: []field{method, {Name: "result"}, {Name: "details", Type: "textarea"}, {Name: "next_step"},
			{Name: "next_at", Type: "datetime"}, {Name: "refs", Type: "refs", NoEdit: true}},
		title: func(f *crm.FollowUp) string { return f.Method },
	}
}
