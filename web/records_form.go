package web

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// formJSON turns a submitted form into the JSON body the API would take:
// only the fields present are sent, so that an edit changes what the form
// holds and nothing else. Values the JSON cannot carry (a malformed amount)
// are problems named by field.
func formJSON(fields []field, form url.Values, creating bool) ([]byte, error) {
	body, err := formMap(fields, form, creating)
	if err != nil {
		return nil, err
	}
	return json.Marshal(body)
}

// formMap is formJSON's body before it is encoded, for pages that add
// parts of their own (a web form's field rows).
func formMap(fields []field, form url.Values, creating bool) (map[string]any, error) {
	body, p := map[string]any{}, crm.Problems{}
	for _, f := range fields {
		if f.NoEdit && !creating {
			continue
		}
		if f.Type == "items" {
			if _, ok := form["items.product"]; ok {
				body["items"] = formItems(form, p)
			}
			continue
		}
		vals, ok := form[f.Name]
		if !ok {
			continue
		}
		if v, keep := formValue(f, vals, p); keep {
			body[f.Name] = v
		}
	}
	return body, p.Err()
}

// formValue converts one field's form values; keep is false when nothing
// must be sent (an empty number, a value that did not parse).
func formValue(f field, vals []string, p crm.Problems) (v any, keep bool) {
	s := strings.TrimSpace(vals[0])
	switch {
	case f.Type == "lines":
		return splitLines(vals[0]), true
	case f.Type == "refs":
		return formRefs(vals, p), true
	case f.Type == "bool": // a hidden "false" comes before the checkbox's "true"
		return vals[len(vals)-1] == "true", true
	case f.Follow && s == followOwner:
		return nil, false // no owner_id: the customer's owner (checkContact)
	case s == "" && f.Type == "secret":
		return nil, false // write-only: left empty, the stored one stays
	case s == "" && (f.Type == "user" || f.Type == "id" || f.Type == "date" || f.Type == "datetime"):
		return nil, true // cleared: the pool, no customer, no date
	case s == "" && (f.Type == "int" || f.Type == "number" || f.Type == "money"):
		return nil, false
	case f.Type == "user" || f.Type == "id" || f.Type == "int":
		n, err := strconv.ParseInt(s, 10, 64)
		return n, noteUnless(p, f.Name, err == nil && n >= 0, "must be a whole number")
	case f.Type == "number":
		x, err := strconv.ParseFloat(s, 64)
		return x, noteUnless(p, f.Name, err == nil, "must be a number")
	case f.Type == "money":
		m, ok := parseMoney(s)
		return m, noteUnless(p, f.Name, ok, "must be an amount like 1200.50")
	case f.Type == "date":
		_, err := time.Parse(time.DateOnly, s)
		return s, noteUnless(p, f.Name, err == nil, "must be a date like 2026-03-01")
	case f.Type == "datetime":
		t, err := time.ParseInLocation(inputTime, s, time.Local)
		return t, noteUnless(p, f.Name, err == nil, "must be a date and time")
	}
	return vals[0], true
}

// noteUnless adds msg for name unless ok, and returns ok.
func noteUnless(p crm.Problems, name string, ok bool, msg string) bool {
	if !ok {
		p.Add(name, msg)
	}
	return ok
}

// formItems reads an order's line item rows; rows left blank are dropped.
func formItems(form url.Values, p crm.Problems) []map[string]any {
	products, qty, price := form["items.product"], form["items.quantity"], form["items.unit_price"]
	items := []map[string]any{}
	for i, prod := range products {
		q, pr := nth(qty, i), nth(price, i)
		if strings.TrimSpace(prod+q+pr) == "" {
			continue
		}
		n, err := strconv.ParseFloat(q, 64)
		m, ok := parseMoney(pr)
		if !noteUnless(p, "items", err == nil && ok, "each item needs a quantity and a price") {
			return nil
		}
		item := map[string]any{"product": strings.TrimSpace(prod), "quantity": n, "unit_price": m}
		if id, err := strconv.ParseInt(nth(form["items.product_id"], i), 10, 64); err == nil {
			item["product_id"] = id
		}
		if c, err := strconv.ParseInt(nth(form["items.unit_cost"], i), 10, 64); err == nil {
			item["unit_cost"] = c
		}
		items = append(items, item)
	}
	return items
}

func nth(vals []string, i int) string {
	if i < len(vals) {
		return strings.TrimSpace(vals[i])
	}
	return ""
}

// splitLines reads a list typed one per line (or comma-separated).
func splitLines(s string) []string {
	out := []string{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == '，' }) {
		if t := strings.TrimSpace(part); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// formRefs reads the records a task or follow-up is about, "kind:id" each.
func formRefs(vals []string, p crm.Problems) []crm.Ref {
	refs := []crm.Ref{}
	for _, v := range vals {
		kind, id, _ := strings.Cut(v, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if noteUnless(p, "refs", err == nil, "must name records as kind:id") {
			refs = append(refs, crm.Ref{Kind: kind, ID: n})
		}
	}
	return refs
}
