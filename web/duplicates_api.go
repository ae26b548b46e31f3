package web

import (
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// findDuplicates (查重) returns the leads, contacts and customers matching
// any field of the query, whoever owns them, each with the rule and value
// that matched and a label, never the record itself. It is a POST so that
// the names and numbers asked about stay out of URLs and access logs.
func (s *Server) findDuplicates(r *http.Request) (crm.List[crm.Candidate], error) {
	var q crm.DupQuery
	if err := decodeNew(r, &q); err != nil {
		return crm.List[crm.Candidate]{}, err
	}
	if err := checkDupQuery(q); err != nil {
		return crm.List[crm.Candidate]{}, err
	}
	cs, err := s.store.FindDuplicates(r.Context(), viewerOf(r), q)
	return crm.NewList(cs, len(cs), func(c crm.Candidate) int64 { return c.ID }), err
}

// checkDupQuery refuses a phone, email or company that cannot match anything: the
// store would skip it silently, and an empty answer would then read as
// "no duplicate" when the number was only mistyped.
func checkDupQuery(q crm.DupQuery) error {
	p := crm.Problems{}
	for field, v := range map[string]string{"name": q.Name, "phone": q.Phone, "email": q.Email, "company": q.Company} {
		p.MaxLen(field, v, 200)
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
