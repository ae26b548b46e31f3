package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// fieldView is one form input or detail row, translated and filled.
type fieldView struct {
	Name, Type, Input, Label, Value, Text, Error string
	Hint                                         string // a secret's placeholder: "unchanged when left empty"
	Pick, Scope                                  string // a picker's kind and narrowing field (see field)
	PickHint, PickNone                           string // a picker's placeholder and its "nothing found"
	Need, ReadOnly                               bool
	Options                                      []selectOption
	Items                                        []itemView // Type "items": the rows, with blanks to add
	Values                                       []string   // Type "refs": "kind:id" each
	Cols                                         []string   // Type "items": the columns\' labels
}

type selectOption struct {
	Value, Label string
	Selected     bool
}

// itemView is one line item row; ProductID and UnitCost ride along hidden
// so that editing an order keeps the catalogue product and its cost.
type itemView struct{ ProductID, Product, Quantity, UnitPrice, Amount, UnitCost string }

// recordValues reads a record's fields as the form shows them, through its
// JSON form, so that one description of the fields serves every kind.
func recordValues(rec any, fields []field) (url.Values, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	vals := url.Values{}
	for k, v := range m {
		switch x := v.(type) {
		case nil:
		case []any:
			putList(vals, k, x)
		default:
			vals.Set(k, fmt.Sprint(x))
		}
	}
	for _, f := range fields {
		asInput(vals, f)
	}
	return vals, nil
}

// asInput rewrites stored values the way their inputs take them: amounts
// in major units, times in the server's zone without seconds.
func asInput(vals url.Values, f field) {
	names := []string{f.Name}
	if f.Type == "refs" {
		for i, kind := range vals["refs.kind"] {
			vals.Add("refs", kind+":"+nth(vals["refs.id"], i))
		}
		return
	}
	if f.Type == "items" {
		names = []string{"items.unit_price", "items.amount"}
	}
	for _, n := range names {
		for i, v := range vals[n] {
			switch f.Type {
			case "money", "items":
				var m int64
				fmt.Sscan(v, &m)
				vals[n][i] = moneyText(m)
			case "datetime":
				if t, err := time.Parse(time.RFC3339, v); err == nil {
					vals[n][i] = t.In(time.Local).Format(inputTime)
				}
			}
		}
	}
}

// inputTime is the layout of a datetime-local input.
const inputTime = "2006-01-02T15:04"

// putList stores a JSON array: line items as parallel "items.*" values,
// anything else one value per element.
func putList(vals url.Values, k string, xs []any) {
	for _, x := range xs {
		obj, ok := x.(map[string]any)
		if !ok {
			vals.Add(k, fmt.Sprint(x))
			continue
		}
		for sub, v := range obj {
			vals.Add(k+"."+sub, fmt.Sprint(v))
		}
	}
}

// fieldViews fills the form's fields from vals (a record's, or the form
// just submitted), with the error messages of problems.
func (c *cells) fieldViews(fields []field, vals url.Values, problems map[string]string, creating bool) []fieldView {
	out := make([]fieldView, 0, len(fields))
	for _, f := range fields {
		fv := fieldView{Name: f.Name, Type: f.Type, Need: f.Need, ReadOnly: f.NoEdit && !creating,
			Label: c.t("field." + firstOf(f.Label, f.Name)), Error: c.problem(problems, f.Name)}
		fv.Value, fv.Input = c.inputValue(f, vals), inputTypes[f.Type]
		fv.Text, fv.Pick, fv.Scope = c.display(f, fv.Value), f.Pick, f.Scope
		if f.Pick != "" {
			fv.PickHint, fv.PickNone = c.t("pick.hint"), c.t("pick.none")
			if fv.Value == "0" { // a new record's zero id: nothing chosen yet
				fv.Value, fv.Text = "", ""
			}
		}
		if f.Pick == "plans" {
			fv.Text = c.plan(vals.Get(f.Scope), fv.Value)
		}
		if f.Type == "secret" {
			fv.Value, fv.Text = "", "" // write-only: never sent back, not even as typed
			if !creating {
				fv.Hint = c.t("settings.secret_kept")
			}
		}
		switch f.Type {
		case "select":
			fv.Options = c.selectOptions(f, fv.Value)
		case "user":
			fv.Options = c.userOptions(fv.Value)
			if f.Follow && creating {
				fv.Options = c.withFollow(fv.Options, fv.Value)
			}
		case "items":
			fv.Items = c.itemViews(vals)
			fv.Options = c.productOptions()
			fv.Cols = []string{c.t("field.product"), c.t("field.quantity"), c.t("field.unit_price")}
		case "refs":
			fv.Values = vals["refs"]
			fv.Text = c.refs(fv.Values)
		}
		out = append(out, fv)
	}
	return out
}

// inputTypes are the HTML input types of the field types an <input> shows.
var inputTypes = map[string]string{"text": "text", "": "text", "email": "email", "date": "date",
	"datetime": "datetime-local", "id": "number", "int": "number", "money": "text", "number": "text",
	"secret": "password", "url": "url"}

// inputValue is a field's value as its input takes it.
func (c *cells) inputValue(f field, vals url.Values) string {
	if f.Type == "lines" {
		return strings.Join(vals[f.Name], "\n")
	}
	return vals.Get(f.Name)
}
