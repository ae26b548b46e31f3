package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// obj is a JSON object under construction.
type obj = map[string]any

// buildOpenAPI describes the route table as OpenAPI 3.1: the API, the
// public channel endpoints and the operators' ones; the HTML pages and
// static files, which no API client calls, are left out.
func buildOpenAPI(rs []route, version, baseURL string) []byte {
	sc := newSchemas()
	paths := obj{}
	for _, rt := range rs {
		if !inAPIDescription(rt) {
			continue
		}
		item, _ := paths[rt.Pattern].(obj)
		if item == nil {
			item = obj{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = operation(rt, sc)
	}
	sc.defs["Error"] = obj{"type": "object", "required": []string{"code", "message"}, "properties": obj{
		"code":    obj{"type": "string", "description": "invalid, unauthorized, forbidden, not_found, conflict, too_large, rate_limited, internal…"},
		"message": obj{"type": "string"},
		"fields":  obj{"type": "object", "additionalProperties": obj{"type": "string"}},
	}}
	server := obj{"url": "/", "description": "the server that serves this description"}
	if o := origin(baseURL); o != "" {
		server = obj{"url": o, "description": "this Rapport"}
	}
	doc := obj{
		"openapi": "3.1.0",
		"info":    obj{"title": "Rapport", "version": orDev(version)},
		"servers": []obj{server},
		"paths":   paths,
		"components": obj{
			"schemas":   sc.defs,
			"responses": errorResponses(),
			"securitySchemes": obj{
				"bearer":  obj{"type": "http", "scheme": "bearer", "description": "an API token, rpt_…"},
				"session": obj{"type": "apiKey", "in": "cookie", "name": sessionCookie},
			},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // built from maps of strings: cannot fail
	}
	return b
}

// operation describes one route.
func operation(rt route, sc *schemas) obj {
	op := obj{
		"summary":     rt.Summary,
		"operationId": operationID(rt),
		"tags":        []string{tag(rt.Pattern)},
		"responses":   responses(rt, sc),
	}
	if rt.Access != public {
		op["security"] = []obj{{"bearer": []string{}}, {"session": []string{}}}
	} else {
		op["security"] = []obj{} // anyone: no credentials
	}
	var params []obj
	for _, name := range pathParams(rt.Pattern) {
		params = append(params, obj{"name": name, "in": "path", "required": true, "schema": paramSchema(name)})
	}
	for _, p := range rt.Params {
		o := obj{"name": p.Name, "in": "query", "description": p.Doc, "schema": queryType(p.Type)}
		if p.deprecated() {
			o["deprecated"] = true
		}
		params = append(params, o)
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.In != nil {
		op["requestBody"] = obj{"required": true, "content": obj{jsonT: obj{"schema": sc.of(rt.In)}}}
	}
	return op
}

func responses(rt route, sc *schemas) obj {
	errRef := obj{"description": "an error", "content": obj{jsonT: obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}
	res := obj{"default": errRef}
	switch {
	case rt.Out != nil:
		res[strconv.Itoa(rt.Status)] = obj{"description": "OK", "content": obj{jsonT: obj{"schema": sc.of(rt.Out)}}}
	case rt.Produce != "":
		res["200"] = obj{"description": "OK", "content": obj{rt.Produce: obj{}}}
	}
	for _, code := range clientErrors(rt) {
		res[strconv.Itoa(code)] = obj{"$ref": "#/components/responses/E" + strconv.Itoa(code)}
	}
	return res
}

// inAPIDescription reports whether a route belongs in the API description: not
// the HTML pages nor the static files.
func inAPIDescription(rt route) bool {
	return !rt.Page && rt.Produce != html && !strings.HasPrefix(rt.Pattern, "/static/")
}

// clientErrors are the 4XX answers a route gives, as the router and the
// handlers decide them: an undeclared query parameter (400, every route),
// no or a bad login (401), a role or a cross-site write (403), a missing
// record (404), a body past the limit (413), and what a route declares
// itself (fails: a form's 429, say).
func clientErrors(rt route) []int {
	set := map[int]bool{http.StatusBadRequest: true}
	for _, c := range rt.Fails {
		set[c] = true
	}
	write := rt.Method != http.MethodGet && rt.Method != http.MethodHead && rt.Method != http.MethodOptions
	if rt.Access != public {
		set[http.StatusUnauthorized] = true
		if len(pathParams(rt.Pattern)) > 0 {
			set[http.StatusNotFound] = true
		}
	}
	if rt.Access == adminOnly || (write && rt.Access != public) {
		set[http.StatusForbidden] = true // CrossOriginProtection refuses a cross-site write
	}
	if rt.In != nil {
		set[http.StatusRequestEntityTooLarge] = true
	}
	var out []int
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// errorResponses are the shared 4XX answers, each the Error body.
func errorResponses() obj {
	out := obj{}
	for code, what := range map[int]string{
		http.StatusBadRequest:            "a bad request: an unknown query parameter, or invalid fields (listed in fields)",
		http.StatusUnauthorized:          "no valid session or API token",
		http.StatusForbidden:             "the user's role may not do this, or a browser's cross-site write was refused",
		http.StatusNotFound:              "no such record, or not one the user may see",
		http.StatusConflict:              "a conflict: the record is taken, or was handled already",
		http.StatusRequestEntityTooLarge: "the body is larger than the server accepts",
		http.StatusTooManyRequests:       "too many requests: retry after Retry-After seconds",
	} {
		out["E"+strconv.Itoa(code)] = obj{"description": what,
			"content": obj{jsonT: obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}
	}
	return out
}

var pathParamRE = regexp.MustCompile(`\{([a-z_]+)\}`)

func pathParams(pattern string) []string {
	var out []string
	for _, m := range pathParamRE.FindAllStringSubmatch(pattern, -1) {
		out = append(out, m[1])
	}
	return out
}

func paramSchema(name string) obj {
	if name == "id" {
		return obj{"type": "integer", "format": "int64", "minimum": 1}
	}
	return obj{"type": "string"}
}

func queryType(t string) obj {
	if t == "date-time" {
		return obj{"type": "string", "format": "date-time"}
	}
	return obj{"type": t}
}

// tag groups operations by the first path segment after /api/v1.
func tag(pattern string) string {
	rest, ok := strings.CutPrefix(pattern, "/api/v1/")
	if !ok {
		return "pages"
	}
	seg, _, _ := strings.Cut(rest, "/")
	return strings.TrimSuffix(seg, ".json")
}

// operationID is a stable name such as "get_api_v1_customers_id".
func operationID(rt route) string {
	r := strings.NewReplacer("/", "_", "{", "", "}", "", "-", "_", ".", "_")
	id := strings.Trim(r.Replace(rt.Pattern), "_")
	if id == "" {
		id = "home"
	}
	return strings.ToLower(rt.Method) + "_" + id
}

func orDev(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}
