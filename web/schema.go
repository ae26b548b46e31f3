package web

import (
	"reflect"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// schemas turns Go types into JSON Schema (OpenAPI 3.1), naming structs
// once under components/schemas.
type schemas struct {
	defs obj
}

func newSchemas() *schemas { return &schemas{defs: obj{}} }

var (
	timeType  = reflect.TypeFor[time.Time]()
	dateType  = reflect.TypeFor[crm.Date]()
	moneyType = reflect.TypeFor[crm.Money]()
)

// of returns the schema of t: a $ref for named structs.
func (sc *schemas) of(t reflect.Type) obj {
	switch t {
	case timeType:
		return obj{"type": "string", "format": "date-time"}
	case dateType:
		return obj{"type": "string", "format": "date", "examples": []string{"2026-03-01"}}
	case moneyType:
		return obj{"type": "integer", "description": "an amount in the currency's minor unit (分, cents)"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(sc.of(t.Elem()))
	case reflect.Slice, reflect.Array:
		return obj{"type": []string{"array", "null"}, "items": sc.of(t.Elem())}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": sc.of(t.Elem())}
	case reflect.Struct:
		return sc.ref(t)
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return obj{"type": "integer"}
	}
	return obj{}
}

// ref names a struct under components/schemas, describing it on first use.
func (sc *schemas) ref(t reflect.Type) obj {
	name := schemaName(t)
	if _, ok := sc.defs[name]; !ok {
		sc.defs[name] = obj{} // placeholder: stops recursion
		props := obj{}
		sc.fields(t, props)
		sc.defs[name] = obj{"type": "object", "properties": props}
	}
	return obj{"$ref": "#/components/schemas/" + name}
}

// fields adds t's JSON fields to props, flattening embedded structs the
// way encoding/json does.
func (sc *schemas) fields(t reflect.Type, props obj) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			sc.fields(ft, props)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = described(sc.of(ft), f.Tag.Get("doc"))
	}
}

// described adds a field's doc tag to its schema as its description (a
// copy: a $ref's object is shared by every field of that type).
func described(s obj, doc string) obj {
	if doc == "" {
		return s
	}
	out := obj{"description": doc}
	for k, v := range s {
		if k != "description" {
			out[k] = v
		}
	}
	return out
}

// schemaName turns "List[*github.com/…/crm.Customer]" into "CustomerList".
func schemaName(t reflect.Type) string {
	name := t.Name()
	base, arg, generic := strings.Cut(name, "[")
	if !generic {
		return strings.ToUpper(name[:1]) + name[1:] // our unexported bodies too
	}
	arg = strings.TrimSuffix(arg, "]")
	arg = strings.TrimPrefix(arg[strings.LastIndexByte(arg, '.')+1:], "*")
	return strings.ToUpper(arg[:1]) + arg[1:] + base
}

// nullable allows null besides s.
func nullable(s obj) obj {
	if typ, ok := s["type"].(string); ok {
		out := obj{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{typ, "null"}
		return out
	}
	return obj{"oneOf": []obj{s, {"type": "null"}}}
}
