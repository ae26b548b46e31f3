package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var revisitParams = []param{
	{"owner_id", "integer", "only this owner's customers"},
	{"level", "string", "only customers of this level"},
	{"region", "string", "only customers of this region"},
	{"days", "integer", "lost: no order for this many days (default 180)"},
	{"margin", "string", "repurchase: overdue past this many times the customer's own interval (default 1.5)"},
	{"limit", "integer", "at most this many customers (default 200)"},
}

// revisitRow is a customer on a revisit list, with its buying rhythm when
// it has one.
type revisitRow struct {
	Customer   *crm.Customer   `json:"customer"`
	Repurchase *crm.Repurchase `json:"repurchase,omitempty"`
}

func revisitFilter(r *http.Request) (crm.RevisitFilter, *query) {
	q := newQuery(r)
	f := crm.RevisitFilter{Viewer: viewerOf(r), OwnerID: q.id("owner_id"), Level: q.str("level"),
		Region: q.str("region"), Limit: q.page().Limit}
	return f, q
}

// listLost returns lost customers (流失): status lost, or no order for
// days days.
func (s *Server) listLost(r *http.Request) ([]revisitRow, error) {
	f, q := revisitFilter(r)
	days := 180
	if d := q.str("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 || n > 3650 {
			return nil, invalid("days", "must be from 1 to 3650")
		}
		days = n
	}
	if err := q.err(); err != nil {
		return nil, err
	}
	cs, err := s.store.LostCustomers(r.Context(), f, s.now().AddDate(0, 0, -days))
	rows := make([]revisitRow, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, revisitRow{Customer: c})
	}
	return rows, err
}

// listRepurchase returns customers overdue on their own buying rhythm
// (逾期未采购), most overdue first.
func (s *Server) listRepurchase(r *http.Request) ([]revisitRow, error) {
	f, q := revisitFilter(r)
	margin := 1.5
	if m := q.str("margin"); m != "" {
		x, err := strconv.ParseFloat(m, 64)
		if err != nil || x < 1 || x > 10 {
			return nil, invalid("margin", "must be a number from 1 to 10")
		}
		margin = x
	}
	if err := q.err(); err != nil {
		return nil, err
	}
	hs, err := s.store.OrderHistories(r.Context(), f)
	rows := []revisitRow{}
	for _, h := range hs {
		if rp, ok := crm.RepurchaseOf(h.Orders, s.now(), margin); ok && rp.Overdue {
			rows = append(rows, revisitRow{Customer: h.Customer, Repurchase: &rp})
		}
	}
	return rows, err
}

// revisitTasksBody asks for a revisit task per customer, for its owner.
type revisitTasksBody struct {
	CustomerIDs []int64    `json:"customer_ids"`
	Title       string     `json:"title"` // default: "Revisit" in the user's language
	DueAt       *time.Time `json:"due_at"`
}

// revisitTasksResult says what the bulk action did.
type revisitTasksResult struct {
	Created []int64 `json:"created"` // the tasks' ids
	Skipped []int64 `json:"skipped"` // customers in the pool or not visible
}

// createRevisitTasks files one task per customer for its owner; a pool
// customer has no one to revisit it and is skipped.
func (s *Server) createRevisitTasks(r *http.Request) (*revisitTasksResult, error) {
	var b revisitTasksBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	return s.revisitTasks(r, b)
}

func (s *Server) revisitTasks(r *http.Request, b revisitTasksBody) (*revisitTasksResult, error) {
	if len(b.CustomerIDs) == 0 || len(b.CustomerIDs) > crm.MaxPageLimit {
		return nil, invalid("customer_ids", "name 1 to 500 customers")
	}
	ctx, v := r.Context(), viewerOf(r)
	res := &revisitTasksResult{Created: []int64{}, Skipped: []int64{}}
	actor := v.UserID
	for _, id := range b.CustomerIDs {
		c, err := s.store.Customer(ctx, v, id)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && c.OwnerID == nil) {
			res.Skipped = append(res.Skipped, id)
			continue
		} else if err != nil {
			return nil, err
		}
		t := &crm.Task{Title: firstOf(b.Title, translate(langOf(r), "revisit.task")+": "+c.Name), DueAt: b.DueAt,
			AssigneeID: c.OwnerID, CreatedBy: &actor, Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: c.ID}}}
		if err := s.store.CreateTask(ctx, t); err != nil {
			return nil, err
		}
		res.Created = append(res.Created, t.ID)
	}
	return res, nil
}
