package web

import (
	"net/http"
	"reflect"
	"strings"
)

// access says who may call a route.
type access int

const (
	public    access = iota // anyone
	member                  // any logged-in user
	adminOnly               // admins
)

// param is one accepted query parameter. Calls with other parameters are
// refused, so the docs and the handlers cannot drift apart silently.
type param struct {
	Name string
	Type string // string, integer, boolean, date-time
	Doc  string // "deprecated: …" marks an old name still accepted
}

// deprecated reports whether p is an old name, still accepted.
func (p param) deprecated() bool { return strings.HasPrefix(p.Doc, "deprecated:") }

// route is one row of the route table: the router and openapi.json are both
// built from these rows.
type route struct {
	Method  string
	Pattern string // chi pattern, also the OpenAPI path
	Summary string
	Access  access
	Page    bool         // a browser page: the unauthenticated go to /login
	Status  int          // success status of a JSON route
	In      reflect.Type // request body (nil: none)
	Out     reflect.Type // JSON response body (nil: raw handler)
	Produce string       // content type of a raw handler, for the docs
	Params  []param
	Fails   []int // 4XX answers of its own, for the docs (a form's 429, say)

	api func(*http.Request) (any, error)
	raw http.HandlerFunc
}

// apiRoute is a JSON route: h's result is written with the route's status,
// and its type documents the response.
func apiRoute[Out any](method, pattern, summary string, h func(*http.Request) (Out, error)) route {
	return route{
		Method: method, Pattern: pattern, Summary: summary, Access: member,
		Status: http.StatusOK, Out: reflect.TypeFor[Out](),
		api: func(r *http.Request) (any, error) { return h(r) },
	}
}

// rawRoute is a route whose handler writes its own response.
func rawRoute(method, pattern, summary, produce string, h http.HandlerFunc) route {
	return route{Method: method, Pattern: pattern, Summary: summary, Access: member, Produce: produce, raw: h}
}

// in documents the request body as the JSON form of v's type.
func (rt route) in(v any) route { rt.In = reflect.TypeOf(v); return rt }

func (rt route) created() route            { rt.Status = http.StatusCreated; return rt }
func (rt route) admin() route              { rt.Access = adminOnly; return rt }
func (rt route) open() route               { rt.Access = public; return rt }
func (rt route) fails(codes ...int) route  { rt.Fails = append(rt.Fails, codes...); return rt }
func (rt route) page() route               { rt.Page = true; return rt }
func (rt route) query(ps ...[]param) route { rt.Params = concat(rt.Params, ps...); return rt }

func concat(base []param, more ...[]param) []param {
	out := append([]param(nil), base...)
	for _, m := range more {
		out = append(out, m...)
	}
	return out
}
