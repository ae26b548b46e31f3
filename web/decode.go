package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// jsonBody is a request's JSON object, read once and size-limited, so that
// handlers can both see which keys were sent and decode onto a record.
type jsonBody struct {
	raw  []byte
	keys map[string]json.RawMessage
}

// readBody reads r's body (limited to MaxBodyBytes by the route's handler)
// and checks that it is one JSON object.
func readBody(r *http.Request) (*jsonBody, error) {
	b, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, crm.Errorf(crm.ETOOLARGE, "The body is larger than %d bytes.", tooBig.Limit)
	case err != nil:
		return nil, crm.Errorf(crm.EINVALID, "The body could not be read.")
	case len(bytes.TrimSpace(b)) == 0:
		return nil, crm.Errorf(crm.EINVALID, "The body must be a JSON object.")
	case !utf8.Valid(b):
		// encoding/json would store replacement characters without a word.
		return nil, crm.Errorf(crm.EINVALID, "The body is not UTF-8 text: send JSON as UTF-8.")
	}
	jb := &jsonBody{raw: b}
	if err := json.Unmarshal(b, &jb.keys); err != nil || jb.keys == nil {
		return nil, crm.Errorf(crm.EINVALID, "The body must be a JSON object.")
	}
	return jb, nil
}

// has reports whether the body sets key (even to null).
func (b *jsonBody) has(key string) bool {
	_, ok := b.keys[key]
	return ok
}

// into decodes the body onto dst: fields absent from the body keep their
// value, and each field it sends replaces the old value whole. Unknown
// fields and wrong types are EINVALID, naming the field.
func (b *jsonBody) into(dst any) error {
	b.resetSent(dst)
	dec := json.NewDecoder(bytes.NewReader(b.raw))
	dec.DisallowUnknownFields()
	return decodeError(dec.Decode(dst))
}

// resetSent zeroes the fields of the struct dst points to that the body
// sends. Left alone, encoding/json decodes an array onto the old slice's
// elements without zeroing them (an order line sent without "quantity"
// would keep the old line's) and an object into the old map, keeping its
// other keys.
func (b *jsonBody) resetSent(dst any) {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	resetFields(v.Elem(), b.keys)
}

func resetFields(v reflect.Value, keys map[string]json.RawMessage) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			resetFields(v.Field(i), keys)
		case sentKey(keys, cmp.Or(name, f.Name)):
			v.Field(i).SetZero()
		}
	}
}

// sentKey matches keys the way encoding/json does: case-insensitively.
func sentKey(keys map[string]json.RawMessage, name string) bool {
	if _, ok := keys[name]; ok {
		return true
	}
	for k := range keys {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// decodeError turns encoding/json's errors into EINVALID with field names.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var crmErr *crm.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &crmErr): // from a crm type's UnmarshalJSON
		return err
	case errors.As(err, &typeErr):
		return invalid(fieldName(typeErr.Field), "must be "+jsonKind(typeErr.Type.Kind().String()))
	case errors.As(err, &syntaxErr):
		return crm.Errorf(crm.EINVALID, "The body is not valid JSON.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return invalid(name, "is not a known field")
	}
	return crm.Errorf(crm.EINVALID, "The body does not fit: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// fieldName names the field of a type error: encoding/json's dotted path
// ("items.quantity"), or "body" when the whole body has the wrong type.
func fieldName(f string) string {
	if f == "" {
		return "body"
	}
	return f
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"):
		return "an integer"
	case strings.HasPrefix(k, "float"):
		return "a number"
	case k == "string":
		return "a string"
	case k == "bool":
		return "true or false"
	case k == "slice", k == "array":
		return "an array"
	case k == "map", k == "struct":
		return "an object"
	}
	return "of another type"
}
