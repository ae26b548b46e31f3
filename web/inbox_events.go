package web

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// eventView is a change in a conversation's handling, shown in its thread
// between the messages: who assigned it to whom, who resolved or reopened
// it, the bot's hand-off. It is read from what the store keeps already (the
// audit trail and the bot's decisions), so nothing new is written for it.
type eventView struct {
	Key          string // the timeline's item key: "a<audit id>", "h<message id>", "r<message id>"
	at           time.Time
	AtISO, AtTxt string
	Text         string
	status       string // the status a status change set ("" for others)
}

// maxThreadEvents bounds the audit entries a thread reads (a page's worth).
const maxThreadEvents = crm.MaxPageLimit

// threadEvents returns conv's assignment and status changes and the bot's
// hand-offs as timeline items, in the page's language.
func (s *Server) threadEvents(ctx context.Context, conv int64, decisions []*crm.BotDecision, lang string) ([]timelineItem, error) {
	trail, err := s.store.AuditOf(ctx, crm.Ref{Kind: crm.RefConversation, ID: conv}, maxThreadEvents)
	if err != nil {
		return nil, err
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	w := eventWords{lang: lang, names: names, teams: s.teamNames(ctx)}
	var out []timelineItem
	for _, e := range trail {
		if text := w.audited(e); text != "" {
			it := eventItem("a"+itoa64(e.ID), e.At, text)
			if e.Action == "conversation.status" {
				it.Event.status, _, _ = strings.Cut(e.Detail, " ")
			}
			out = append(out, it)
		}
	}
	for _, d := range decisions {
		if d.Action == crm.BotHandoff {
			out = append(out, eventItem("h"+itoa64(d.MessageID), d.DecidedAt, translate(lang, "event.handoff")+" · "+d.Reason))
		}
	}
	return out, nil
}

func eventItem(key string, at time.Time, text string) timelineItem {
	return timelineItem{Event: &eventView{Key: key, at: at, AtISO: at.UTC().Format("2006-01-02T15:04:05Z"),
		AtTxt: at.Format("2006-01-02 15:04"), Text: text}}
}

// teamNames names the teams by id; an error leaves them by number.
func (s *Server) teamNames(ctx context.Context) map[int64]string {
	out := map[int64]string{}
	if teams, err := s.store.ListTeams(ctx); err == nil {
		for _, t := range teams {
			out[t.ID] = t.Name
		}
	}
	return out
}

// eventWords writes audit entries as sentences in one language.
type eventWords struct {
	lang         string
	names, teams map[int64]string
}

// fill puts the names into key's sentence ("Assigned to {to} by {by}").
func (w eventWords) fill(key string, kv ...string) string {
	return strings.NewReplacer(kv...).Replace(translate(w.lang, key))
}

// who names a user, or Rapport itself for a nil actor.
func (w eventWords) who(id *int64) string {
	if id == nil {
		return translate(w.lang, "event.system")
	}
	if n := w.names[*id]; n != "" {
		return n
	}
	return "#" + itoa64(*id)
}

// audited is the sentence for an entry, "" for one the thread does not show.
func (w eventWords) audited(e *crm.AuditEntry) string {
	by := w.who(e.ActorID)
	switch e.Action {
	case "conversation.assign":
		to, team := assignDetail(e.Detail)
		switch {
		case to != nil && e.ActorID != nil && *to == *e.ActorID:
			return w.fill("event.taken", "{by}", by)
		case to != nil:
			return w.fill("event.assigned", "{to}", w.who(to), "{by}", by)
		case team != nil:
			return w.fill("event.assigned_team", "{to}", firstOf(w.teams[*team], "#"+itoa64(*team)), "{by}", by)
		}
		return w.fill("event.unassigned", "{by}", by)
	case "conversation.status":
		status, until, _ := strings.Cut(e.Detail, " until ")
		if t, err := time.Parse(time.RFC3339, until); err == nil {
			until = t.Format("2006-01-02 15:04")
		}
		switch status {
		case crm.ConvOpen, crm.ConvPending, crm.ConvSnoozed, crm.ConvResolved:
			return w.fill("event.status."+status, "{by}", by, "{until}", until)
		}
	}
	return ""
}

// assignDetail reads the store's "assignee 5, team -" ("-" for none).
func assignDetail(detail string) (assignee, team *int64) {
	a, t, _ := strings.Cut(strings.TrimPrefix(detail, "assignee "), ", team ")
	return idOrNil(a), idOrNil(t)
}

func idOrNil(s string) *int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return nil
	}
	return &n
}

// withReopenings adds, to a thread in time order, the reopenings the
// ingester makes when the customer writes to a resolved or snoozed
// conversation (crm's fillConversation): they are not audited, so they are
// read from the order of status changes and inbound messages.
func withReopenings(items []timelineItem, lang string) []timelineItem {
	status := crm.ConvOpen
	out := make([]timelineItem, 0, len(items))
	for _, it := range items {
		switch {
		case it.Event != nil && it.Event.status != "":
			status = it.Event.status
		case it.Msg != nil && it.Msg.Direction == crm.DirectionIn && (status == crm.ConvResolved || status == crm.ConvSnoozed):
			out = append(out, eventItem("r"+itoa64(it.Msg.ID), it.at(), translate(lang, "event.reopened_by_customer")))
			status = crm.ConvOpen
		}
		out = append(out, it)
	}
	return out
}
