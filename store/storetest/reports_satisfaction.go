package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testServiceSatisfaction: surveys answered in the period put their mean
// score in the service report, by the conversation's rep, and each role
// sees the scores of the conversations it may see; a survey asked but not
// answered, or answered outside the period, counts nowhere.
//
//	a1 email  answered 4 (03-02) · a1 email answered 5 (04-02, outside)
//	b  wechat answered 2 (03-04) · b  wechat asked, no answer
func testServiceSatisfaction(t *testing.T, r *reportWorld) {
	cw := r.s.(convWriter)
	sat := r.s.(crm.SatisfactionStore)
	at := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 9, 0, 0, 0, time.UTC) }
	survey := func(owner *crm.User, channel string, m, d int, score int) {
		resolved := at(m, d)
		c := &crm.Conversation{Channel: channel, Account: "acct", Status: crm.ConvResolved, AssigneeID: ownerID(owner),
			LastMessageAt: resolved, CreatedAt: resolved.Add(-time.Hour)}
		must(t, cw.CreateConversation(ctx, c))
		sv := &crm.Survey{ConversationID: c.ID, ResolvedAt: resolved, Channel: channel, Account: "acct",
			RepID: c.AssigneeID, State: crm.SurveyAsked, AskedAt: resolved, ExpiresAt: resolved.Add(48 * time.Hour), LowScore: 2}
		ok, err := sat.RecordSurvey(ctx, sv)
		must(t, err)
		same(t, "survey stored", ok, true)
		if score > 0 {
			_, err := sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: score, By: crm.AnsweredByReply,
				At: resolved.Add(time.Hour)})
			must(t, err)
		}
	}
	survey(r.repA1, crm.ChannelEmail, 3, 2, 4)
	survey(r.repA1, crm.ChannelEmail, 4, 2, 5)
	survey(r.repB, crm.ChannelWeChat, 3, 4, 2)
	survey(r.repB, crm.ChannelWeChat, 3, 5, 0)
	score := func(u *crm.User, by string) []string {
		tab := r.run(t, u, crm.ReportQuery{Report: crm.ReportService, By: by})
		out := []string{}
		for _, row := range append(tab.Rows, tab.Total) {
			v := "-"
			if s := row.Values[9]; s != nil {
				v = fmtScore(*s)
			}
			out = append(out, row.Key+" "+v)
		}
		return out
	}
	same(t, "admin by channel", score(nil, crm.ByChannel), []string{"wechat 2", "email 4", "total 3"}) // by conversations: 2, 1
	same(t, "manager A by rep", score(r.mgrA, crm.ByRep), []string{id(r.repA1.ID) + " 4", "total 4"})
	same(t, "rep b by rep", score(r.repB, crm.ByRep), []string{id(r.repB.ID) + " 2", "total 2"})
	same(t, "rep a2 sees no score", score(r.repA2, crm.ByRep), []string{"total -"})
	// The conversations behind March's scores: those answered in March.
	same(t, "surveyed in March", r.convsBehind(t, r.admin, "", crm.InboxDrill{On: crm.DrillSurveyed}), 2)
	same(t, "surveyed as manager A", r.convsBehind(t, r.mgrA, "", crm.InboxDrill{On: crm.DrillSurveyed}), 1)
}

func fmtScore(f float64) string { return fmt.Sprintf("%.3g", f) }
