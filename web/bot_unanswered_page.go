package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// unansweredPage is what pages/bot_unanswered.html sees.
type unansweredPage struct {
	pageData
	Notice   string // a message key: what was just done
	Problem  string // a refusal, in the page's language
	Items    []unansweredRow
	FAQs     []*crm.FAQ
	Accounts []botAccount
	// Channel and Account are the filter; Query carries it to the forms
	// ("" or "?channel=…&account=…").
	Channel, Account, Query string
	NextURL                 string
}

// unansweredPageLimit is the page's default page size: each row carries a choice of
// every FAQ entry, so a row costs what the FAQ weighs.
const unansweredPageLimit = 20

// unansweredRow is one question with the account's name and its guess.
type unansweredRow struct {
	*crm.UnansweredQuestion
	Where, When, Score string
	GuessID            int64 // 0: no guess
}

func (s *Server) getUnansweredPage(w http.ResponseWriter, r *http.Request) {
	s.unansweredPage(w, r, http.StatusOK, nil)
}

// unansweredPage renders the list; problem, when set, is why the last
// action was refused.
func (s *Server) unansweredPage(w http.ResponseWriter, r *http.Request, status int, problem error) {
	d := &unansweredPage{pageData: s.pageData(w, r, "bot.unanswered.title")}
	q := r.URL.Query()
	d.Channel, d.Account = q.Get("channel"), q.Get("account")
	d.Query = strings.TrimPrefix(unansweredPath(d.Channel, d.Account), "/bot/unanswered")
	if k := q.Get("done"); k == crm.UnansweredTaught || k == crm.UnansweredNewEntry || k == crm.UnansweredDismissed {
		d.Notice = "bot.unanswered.done." + k
	}
	if problem != nil {
		d.Problem = refusalText(d.Lang, problem)
	}
	if err := s.fillUnanswered(r, d); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.render(w, r, status, "bot_unanswered", d)
}

func (s *Server) fillUnanswered(r *http.Request, d *unansweredPage) error {
	b, err := s.bot()
	if err != nil {
		return err
	}
	f, err := unansweredFilter(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("limit") == "" {
		f.Limit = unansweredPageLimit // each row lists every FAQ entry to choose from
	}
	us, err := s.unanswered()
	if err != nil {
		return err
	}
	l, err := us.Unanswered(r.Context(), f)
	if err != nil {
		return err
	}
	if d.FAQs, err = b.FAQs(r.Context()); err != nil {
		return err
	}
	if d.Accounts, err = s.botAccounts(r.Context()); err != nil {
		return err
	}
	for _, u := range l.Items {
		d.Items = append(d.Items, d.row(u))
	}
	if l.Next != 0 {
		d.NextURL = unansweredPath(d.Channel, d.Account, "cursor", strconv.FormatInt(l.Next, 10))
	}
	return nil
}

func (d *unansweredPage) row(u *crm.UnansweredQuestion) unansweredRow {
	row := unansweredRow{UnansweredQuestion: u, Where: u.Account, When: u.AskedAt.In(time.Local).Format("2006-01-02 15:04")}
	for _, a := range d.Accounts {
		if a.Channel == u.Channel && a.Account == u.Account {
			row.Where = a.Name
		}
	}
	if u.GuessFAQID != nil {
		row.Score, row.GuessID = fmt.Sprintf("%.2f", u.GuessScore), *u.GuessFAQID
	}
	return row
}

// unansweredPath is the list's address, filtered by channel and account
// when set, with more parameters (pairs of name and value) after.
func unansweredPath(channel, account string, more ...string) string {
	v := url.Values{}
	if channel != "" {
		v.Set("channel", channel)
		v.Set("account", account)
	}
	for i := 0; i+1 < len(more); i += 2 {
		v.Set(more[i], more[i+1])
	}
	if len(v) == 0 {
		return "/bot/unanswered"
	}
	return "/bot/unanswered?" + v.Encode()
}

// postUnansweredTeach adds the question to the chosen entry through the
// API's handler; back on the list, filtered as it was.
func (s *Server) postUnansweredTeach(w http.ResponseWriter, r *http.Request) {
	s.unansweredAction(w, r, crm.UnansweredTaught, func(r *http.Request) error {
		faq, err := strconv.ParseInt(r.PostForm.Get("faq_id"), 10, 64)
		if err != nil || faq <= 0 {
			return invalid("faq_id", "is required")
		}
		body := fmt.Sprintf(`{"faq_id": %d, "text": %s}`, faq, strconv.Quote(r.PostForm.Get("text")))
		_, err = s.teachUnanswered(withJSON(r, []byte(body)))
		return err
	})
}

func (s *Server) postUnansweredDismiss(w http.ResponseWriter, r *http.Request) {
	s.unansweredAction(w, r, crm.UnansweredDismissed, func(r *http.Request) error {
		_, err := s.dismissUnanswered(r)
		return err
	})
}

// unansweredAction runs one action from the page's form: a refusal (an
// entry with no room, a question handled meanwhile) shows above the list.
func (s *Server) unansweredAction(w http.ResponseWriter, r *http.Request, done string, act func(*http.Request) error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	err := act(r)
	switch crm.ErrorCode(err) {
	case "":
		q := r.URL.Query()
		http.Redirect(w, r, unansweredPath(q.Get("channel"), q.Get("account"), "done", done), http.StatusSeeOther)
	case crm.EINVALID, crm.ECONFLICT, crm.ENOTFOUND:
		s.unansweredPage(w, r, httpStatus(err), err)
	default:
		s.writeError(w, r, err)
	}
}
