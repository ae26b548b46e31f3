package web

import (
	"fmt"
	"net/http"
	"strconv"
)

// revisitPage is /revisits: lost customers and overdue repurchase, with a
// bulk action that files revisit tasks for their owners.
type revisitPage struct {
	pageData
	Flash, Level, Region string
	Lists                []revisitList
}

type revisitList struct {
	Title string
	Rows  []revisitView
}

type revisitView struct {
	ID                                      int64
	Name, Level, Owner, Last, Interval, Due string
}

func (s *Server) getRevisits(w http.ResponseWriter, r *http.Request) {
	d := &revisitPage{pageData: s.pageData(w, r, "revisit.title"), Level: r.URL.Query().Get("level"),
		Region: r.URL.Query().Get("region")}
	if n := r.URL.Query().Get("created"); n != "" {
		count, _ := strconv.Atoi(n)
		d.Flash = fmt.Sprintf(d.T("revisit.created"), count)
	}
	lost, err := s.listLost(r)
	var rep []revisitRow
	if err == nil {
		rep, err = s.listRepurchase(r)
	}
	c, cerr := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err == nil {
		err = cerr
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Lists = []revisitList{{Title: d.T("revisit.lost"), Rows: revisitViews(c, lost)},
		{Title: d.T("revisit.repurchase"), Rows: revisitViews(c, rep)}}
	s.render(w, r, http.StatusOK, "revisits", d)
}

func revisitViews(c *cells, rows []revisitRow) []revisitView {
	out := make([]revisitView, 0, len(rows))
	for _, rw := range rows {
		v := revisitView{ID: rw.Customer.ID, Name: rw.Customer.Name, Level: rw.Customer.Level,
			Owner: ownerColumn(c, rw.Customer.OwnerID)}
		if rp := rw.Repurchase; rp != nil {
			v.Last, v.Due = localTime(&rp.Last), localTime(&rp.DueAt)
			v.Interval = strconv.FormatFloat(rp.Days, 'f', 0, 64)
		}
		out = append(out, v)
	}
	return out
}

// postRevisitTasks files a revisit task for each chosen customer's owner.
func (s *Server) postRevisitTasks(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("customer_id", "the form could not be read"))
		return
	}
	var ids []int64
	for _, v := range r.PostForm["customer_id"] {
		if id, err := parseID(v); err == nil {
			ids = append(ids, id)
		}
	}
	res, err := s.revisitTasks(r, revisitTasksBody{CustomerIDs: ids})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/revisits?created="+strconv.Itoa(len(res.Created)), http.StatusSeeOther)
}
