package crm

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time zone ("2026-03-01"), for birthdays,
// contract terms and due dates.
type Date struct{ Year, Month, Day int }

// ParseDate reads "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Errorf(EINVALID, "%q is not a date (YYYY-MM-DD)", s)
	}
	return Date{t.Year(), int(t.Month()), t.Day()}, nil
}

func (d Date) String() string {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// MarshalJSON writes the date as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "a date must be a string YYYY-MM-DD")
	}
	v, err := ParseDate(s)
	*d = v
	return err
}

// Money is an amount in the currency's minor unit (分 for CNY, cents for USD),
// so sums are exact.
type Money int64

// Ref points at one record, for the tasks and follow-ups that concern it.
type Ref struct {
	Kind string `json:"kind"` // one of the Ref* kinds
	ID   int64  `json:"id"`
}

// Record kinds, for Ref and message links.
const (
	RefCustomer = "customer"
	RefContact  = "contact"
	RefLead     = "lead"
	RefOrder    = "order"
	// RefContract is how a message link to an order of kind contract reads
	// back: the link is stored as an order (one table, one id space), and
	// told apart when read, so that it follows the record's kind.
	RefContract     = "contract"
	RefTask         = "task"
	RefConversation = "conversation"
	RefMessage      = "message"
	RefUser         = "user"
)

func validRefs(p Problems, field string, refs []Ref) {
	for _, r := range refs {
		switch r.Kind {
		case RefCustomer, RefContact, RefLead, RefOrder, RefTask, RefConversation, RefMessage:
		default:
			p.Add(field, "unknown record kind "+strconv.Quote(r.Kind))
		}
		if r.ID <= 0 {
			p.Add(field, "record ids must be positive")
		}
	}
}

func cleanTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func validDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for _, r := range d {
		if !(r == '.' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func normalizeEmails(p Problems, field string, in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		e, ok := NormalizeEmail(s)
		if !ok {
			p.Add(field, strconv.Quote(s)+" is not a valid email address")
			continue
		}
		out = appendUnique(out, e)
	}
	return out
}

func normalizePhones(p Problems, field string, in []string, region string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		n, ok := NormalizePhone(s, region)
		if !ok {
			p.Add(field, PhoneProblem(s))
			continue
		}
		out = appendUnique(out, n)
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func itoa(i int) string { return strconv.Itoa(i) }
