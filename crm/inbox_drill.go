package crm

import "time"

// Service drill events: what a conversation must have had in the drill's
// window to be listed (see InboxDrill.On).
const (
	DrillCreated  = "created"  // opened in the window (default)
	DrillAnswer   = "answer"   // the bot answered in it
	DrillHandoff  = "handoff"  // the bot handed it to a person in it
	DrillSurveyed = "surveyed" // its satisfaction survey was answered in it
)

// InboxDrill narrows the inbox to the conversations behind a figure of the
// service report: the same window, assignee and state the figure counts.
// Nil fields and false flags do not filter.
type InboxDrill struct {
	From, To       *time.Time // the window, [From, To)
	On             string     // a Drill* event; empty: created
	AssigneeID     *int64
	AssigneeTeamID *int64 // assigned to a member of this team
	// Waiting: not resolved, and the customer wrote last (unanswered);
	// WaitingBefore: and since before this instant (overdue).
	Waiting       bool
	WaitingBefore *time.Time
	// Answered: a person has replied (first-response times); Resolved:
	// resolved (resolution times).
	Answered, Resolved bool
}

// Empty reports whether the drill filters nothing.
func (d InboxDrill) Empty() bool { return d == InboxDrill{} }

// Validate checks the event.
func (d InboxDrill) Validate(p Problems) {
	if d.On != "" {
		p.OneOf("on", d.On, DrillCreated, DrillAnswer, DrillHandoff, DrillSurveyed)
	}
}
