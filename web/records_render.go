package web

import (
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// recordPage is what the record templates see: the common page data and
// the list, detail or form of one kind.
type recordPage struct {
	pageData
	Kind    string // "customers"
	Heading string
	Nav     []navLink

	// A list.
	Filters []filterView
	Query   string
	Headers []headerView
	Rows    []rowView
	List    *listView // the total, columns, saved filters and bulk actions
	Next    string    // the next page's URL, "" on the last
	First   string    // the first page's URL, "" on it

	// A detail page or form.
	Fields  []fieldView
	Action  string // the form's target
	EditURL string
	Back    string // hidden "next": where a form returns after saving
	Actions []rowAction
	Links   []navLink // new related records
	Extra   any
	Others  []string   // problems with no input of their own on the form
	Pool    *poolPanel // a lead's or customer's countdown, freeze and pool forms
	Dups    []dupView  // a new record's likely duplicates (查重), before it is saved
	// MoveOpen offers, on a customer's edit form, to move its open records
	// to the new owner.
	MoveOpen bool
}

type navLink struct {
	Label, URL string
	Current    bool
}

type rowView struct {
	ID      int64
	URL     string
	Cells   []string
	Actions []rowAction
}

// recordKinds are the record pages, in the order of their navigation.
var recordKinds = []string{"customers", "contacts", "leads", "orders", "payments", "tasks", "follow-ups", "products", "dealers"}

func (s *Server) recordPageData(w http.ResponseWriter, r *http.Request, kind, title string) *recordPage {
	d := &recordPage{pageData: s.pageData(w, r, "rec."+kind), Kind: kind, Heading: title}
	for _, k := range recordKinds {
		d.Nav = append(d.Nav, navLink{Label: d.T("rec." + k), URL: "/" + k, Current: k == kind})
	}
	if v := viewerOf(r); mayManageLabels(v) == nil {
		d.Nav = append(d.Nav, navLink{Label: d.T("rec.labels"), URL: "/labels", Current: kind == "labels"})
	}
	return d
}

// formProblems returns the per-field messages of an error a form can show
// beside its inputs, and false for any other error.
func formProblems(err error) (map[string]string, bool) {
	fields := crm.ErrorFields(err)
	code := crm.ErrorCode(err)
	if code == crm.EINVALID || (code == crm.EFORBIDDEN && len(fields) > 0) {
		if fields == nil {
			fields = map[string]string{"": crm.ErrorMessage(err)}
		}
		return fields, true
	}
	return nil, false
}

// pageURL is path with the query q, leaving out empty values.
func pageURL(path string, q url.Values) string {
	for k, v := range q {
		if len(v) == 0 || v[0] == "" {
			delete(q, k)
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
