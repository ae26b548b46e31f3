package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// getSentMessages is /messages: the messages people sent, as the
// workload report counts them (sent on from…to, server days, by the
// owner or a member of team_id, seen by the author's visibility), each
// opening its conversation.
func (s *Server) getSentMessages(w http.ResponseWriter, r *http.Request) {
	q, err := s.figurePage(w, r, "messages")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, c, ds := q.d, q.c, q.ds
	sf := crm.SentFilter{Viewer: q.v, AuthorID: q.owner, TeamID: q.f.Drill.TeamID, Page: q.f.Page}
	_, off := s.today()
	sf.From, sf.To = q.f.Drill.localDays(off)
	l, err := ds.SentMessages(r.Context(), sf)
	var n int64
	if err == nil {
		n, err = ds.CountSentMessages(r.Context(), sf)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Summary = fmt.Sprintf(d.T("figures.messages_total"), n)
	for _, m := range l.Items {
		d.Rows = append(d.Rows, rowView{ID: m.ID, URL: "/inbox/" + strconv.FormatInt(m.ConversationID, 10),
			Cells: []string{m.SentAt.In(time.Local).Format("2006-01-02 15:04"), c.user(strconv.FormatInt(m.AuthorID, 10)),
				c.t("channel." + m.Channel), firstOf(m.Subject, m.Snippet)}})
	}
	s.showFigureList(w, r, d, []string{"msg.col.sent_at", "figures.author", "msg.col.channel", "msg.col.text"},
		l.Next, [2]string{"from", "to"})
}
