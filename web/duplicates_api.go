package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// findDuplicates (查重, and the public search 公共检索) returns the leads,
// contacts and customers matching any field of the query, whoever owns them,
// each with the rule and value that matched, a label, its owner and whether
// the caller may open it; one the caller may not see is masked, never shown.
// It is a POST so that the names and numbers asked about stay out of URLs
// and access logs.
func (s *Server) findDuplicates(r *http.Request) (crm.List[crm.DupMatch], error) {
	var q crm.DupQuery
	if err := decodeNew(r, &q); err != nil {
		return crm.List[crm.DupMatch]{}, err
	}
	return s.duplicates(r, q)
}

func (s *Server) duplicates(r *http.Request, q crm.DupQuery) (crm.List[crm.DupMatch], error) {
	if err := checkDupQuery(q); err != nil {
		return crm.List[crm.DupMatch]{}, err
	}
	ms, err := s.store.FindDuplicates(r.Context(), viewerOf(r), q)
	return crm.NewList(ms, len(ms), func(m crm.DupMatch) int64 { return m.ID }), err
}

// checkDupQuery refuses a phone, email or company that cannot match anything: the
// store would skip it silently, and an empty answer would then read as
// "no duplicate" when the number was only mistyped.
func checkDupQuery(q crm.DupQuery) error {
	p := crm.Problems{}
	for field, v := range map[string]string{"name": q.Name, "phone": q.Phone, "email": q.Email, "company": q.Company, "q": q.Query} {
		p.MaxLen(field, v, 200)
	}
	if box := strings.TrimSpace(q.Query); box != "" && utf8.RuneCountInString(box) < minFragment {
		p.Add("q", "give at least two characters, a phone or an email")
	}
	if strings.TrimSpace(q.Phone) != "" {
		if _, ok := crm.NormalizePhone(q.Phone, crm.DefaultRegion); !ok {
			p.Add("phone", "is not a valid phone number")
		}
	}
	if strings.TrimSpace(q.Email) != "" {
		if _, ok := crm.NormalizeEmail(q.Email); !ok {
			p.Add("email", "is not a valid email address")
		}
	}
	if strings.TrimSpace(q.Company) != "" && crm.CompanyKey(q.Company) == "" {
		p.Add("company", "is too general to check (only a legal form or a place)")
	}
	return p.Err()
}

// minFragment is the shortest name fragment the public search looks for
// (the store's own floor; web may not import the store).
const minFragment = 2
