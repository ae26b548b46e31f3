package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// row is one data row, its cells by the field they fill.
type row struct {
	no    int
	cells []string
	vals  map[string]string
}

func mapRow(no int, cells, mapping []string) row {
	r := row{no: no, cells: cells, vals: map[string]string{}}
	for i, f := range mapping {
		if f != "" && i < len(cells) && cells[i] != "" {
			r.vals[f] = cells[i]
		}
	}
	return r
}

// key identifies the row's content for kind: the same values make the
// same key whatever file, format or column order they came in.
func (r row) key(kind string) string {
	names := make([]string, 0, len(r.vals))
	for k := range r.vals {
		names = append(names, k)
	}
	slices.Sort(names)
	h := sha256.New()
	h.Write([]byte(kind))
	for _, k := range names {
		h.Write([]byte{0})
		h.Write([]byte(k + "=" + r.vals[k]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Chinese and English words for the coded values.
var (
	customerKinds = map[string]string{"customer": crm.KindCustomer, "客户": crm.KindCustomer, "终端客户": crm.KindCustomer,
		"dealer": crm.KindDealer, "经销商": crm.KindDealer, "agent": crm.KindAgent, "代理商": crm.KindAgent, "代理": crm.KindAgent}
	customerStatuses = map[string]string{"potential": crm.CustomerPotential, "潜在": crm.CustomerPotential,
		"潜在客户": crm.CustomerPotential, "未成交": crm.CustomerPotential, "deal": crm.CustomerDeal, "成交": crm.CustomerDeal,
		"已成交": crm.CustomerDeal, "成交客户": crm.CustomerDeal, "lost": crm.CustomerLost, "流失": crm.CustomerLost, "已流失": crm.CustomerLost}
	leadStatuses = map[string]string{"new": crm.LeadNew, "新": crm.LeadNew, "新线索": crm.LeadNew, "未处理": crm.LeadNew,
		"contacted": crm.LeadContacted, "已联系": crm.LeadContacted, "跟进中": crm.LeadContacted,
		"qualified": crm.LeadQualified, "合格": crm.LeadQualified, "有效": crm.LeadQualified,
		"converted": crm.LeadConverted, "已转化": crm.LeadConverted, "lost": crm.LeadLost, "无效": crm.LeadLost, "丢失": crm.LeadLost}
)

// coded reads a coded value in either language; an unknown word is kept,
// for the record's own validation to name.
func coded(m map[string]string, s string) string {
	if v, ok := m[strings.ToLower(strings.TrimSpace(s))]; ok {
		return v
	}
	return s
}

// rowProblems collects a row's problems, field by field, as one reason.
type rowProblems []string

func (p *rowProblems) add(field, msg string) { *p = append(*p, field+": "+msg) }

// addErr adds a record's validation error, each field's message.
func (p *rowProblems) addErr(prefix string, err error) {
	var e *crm.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		*p = append(*p, prefix+crm.ErrorMessage(err))
		return
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		*p = append(*p, prefix+k+": "+e.Fields[k])
	}
}

func (p rowProblems) reason() string { return strings.Join(p, "; ") }

// phones normalizes every number of a cell to E.164 in region.
func phones(p *rowProblems, field, cell, region string) []string {
	var out []string
	for _, s := range splitList(cell) {
		n, ok := crm.NormalizePhone(phoneCell(s), region)
		if !ok {
			p.add(field, crm.PhoneProblem(s))
			continue
		}
		out = append(out, n)
	}
	return out
}

func emails(p *rowProblems, field, cell string) []string {
	var out []string
	for _, s := range splitList(cell) {
		e, ok := crm.NormalizeEmail(s)
		if !ok {
			p.add(field, strings.TrimSpace(s)+" is not an email address")
			continue
		}
		out = append(out, e)
	}
	return out
}

// customerOf builds a customer row's customer and, when it names one, its
// contact person. ownerID is resolved by the caller.
func customerOf(r row, region string, p *rowProblems) (*crm.Customer, *crm.Contact) {
	v := r.vals
	c := &crm.Customer{Name: v["name"], ShortName: v["short_name"], Kind: coded(customerKinds, v["kind"]),
		Industry: v["industry"], Level: v["level"], Region: v["region"], Source: v["source"],
		Status: coded(customerStatuses, v["status"]), Tags: splitList(v["tags"]), Address: v["address"],
		Website: v["website"], Domain: v["domain"], Notes: v["notes"]}
	if v["phone"] != "" {
		ph := phones(p, "phone", v["phone"], region)
		if len(ph) > 0 {
			c.Phone = ph[0]
		}
	}
	if err := c.Normalize(); err != nil {
		p.addErr("", err)
	}
	if v["contact_name"] == "" && v["contact_phone"] == "" && v["contact_email"] == "" {
		return c, nil
	}
	ct := &crm.Contact{Name: v["contact_name"], Title: v["contact_title"],
		Phones: phones(p, "contact_phone", v["contact_phone"], region), Emails: emails(p, "contact_email", v["contact_email"])}
	if err := ct.Normalize(region); err != nil {
		p.addErr("contact_", err)
	}
	return c, ct
}

func contactOf(r row, region string, p *rowProblems) *crm.Contact {
	v := r.vals
	ct := &crm.Contact{Name: v["name"], Title: v["title"], Notes: v["notes"], Tags: splitList(v["tags"]),
		Phones: phones(p, "phone", v["phone"], region), Emails: emails(p, "email", v["email"])}
	if v["birthday"] != "" {
		d, ok := parseDate(v["birthday"])
		if !ok {
			p.add("birthday", v["birthday"]+" is not a date (write 2026-03-05, 2026/3/5 or 2026年3月5日)")
		}
		ct.Birthday = d
	}
	if err := ct.Normalize(region); err != nil {
		p.addErr("", err)
	}
	return ct
}

func leadOf(r row, region string, p *rowProblems) *crm.Lead {
	v := r.vals
	l := &crm.Lead{Name: v["name"], Company: v["company"], Title: v["title"], Notes: v["notes"], Tags: splitList(v["tags"]),
		Status: coded(leadStatuses, v["status"]), Source: crm.LeadSource{Channel: "import", Campaign: v["campaign"]}}
	if ph := phones(p, "phone", v["phone"], region); len(ph) > 0 {
		l.Phone = ph[0]
	}
	if em := emails(p, "email", v["email"]); len(em) > 0 {
		l.Email = em[0]
	}
	if err := l.Normalize(region); err != nil {
		p.addErr("", err)
	}
	return l
}

// fillCustomer copies the row's non-empty values over an existing
// record's: an update never blanks what the file leaves empty; lists are
// joined. fillContact and fillLead do the same.
func fillCustomer(old, c *crm.Customer) {
	set(&old.ShortName, c.ShortName)
	set(&old.Industry, c.Industry)
	set(&old.Level, c.Level)
	set(&old.Region, c.Region)
	set(&old.Source, c.Source)
	set(&old.Address, c.Address)
	set(&old.Website, c.Website)
	set(&old.Phone, c.Phone)
	set(&old.Notes, c.Notes)
	if c.Domain != "" {
		old.Domains = join(old.Domains, c.Domains)
	}
	old.Tags = join(old.Tags, c.Tags)
	if c.OwnerID != nil {
		old.OwnerID = c.OwnerID
	}
}

func fillContact(old, c *crm.Contact) {
	set(&old.Title, c.Title)
	set(&old.Notes, c.Notes)
	old.Emails = join(old.Emails, c.Emails)
	old.Phones = join(old.Phones, c.Phones)
	old.Tags = join(old.Tags, c.Tags)
	if c.Birthday != nil {
		old.Birthday = c.Birthday
	}
	if old.CustomerID == nil {
		old.CustomerID = c.CustomerID
	}
	if c.OwnerID != nil {
		old.OwnerID = c.OwnerID
	}
}

func fillLead(old, l *crm.Lead) {
	set(&old.Name, l.Name)
	set(&old.Company, l.Company)
	set(&old.Title, l.Title)
	set(&old.Phone, l.Phone)
	set(&old.Email, l.Email)
	set(&old.Notes, l.Notes)
	old.Tags = join(old.Tags, l.Tags)
	if l.OwnerID != nil {
		old.OwnerID = l.OwnerID
	}
}

func set(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func join(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
