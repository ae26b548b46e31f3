// Package web serves Rapport over HTTP: the JSON API under /api/v1, the
// server-rendered UI, the login, health checks and openapi.json, all built
// from one route table. It is one package on purpose: the record and
// settings pages reuse the API's own handlers (a submitted form becomes the
// API's JSON body), so the rules of a record live in one place.
//
// # Files
//
// A file starts with its area and ends with what it holds, so that an area's
// files sort together and a new area adds files instead of editing others':
//
//	<area>_api.go     JSON handlers of the area, and its resource[T]
//	<area>_page.go    its browser pages: a recordKind[T], a settingsKind or its own
//	<area>_routes.go  its rows of the route table (an (s *Server) <area>Routes() []route)
//	locales/<area>.en.toml, locales/<area>.zh-CN.toml   its strings
//	templates/pages/<page>.html                         a page of its own, if any
//
// The machinery has no area prefix: route.go (a row), routes.go (the table and
// the core API rows), router.go, openapi.go and schema.go (openapi.json),
// resource.go, records*.go (the record pages), settings.go (the settings
// editors), pages.go (templates), decode.go, query.go, errors.go, auth.go,
// session.go, i18n.go.
//
// # How the pieces fit
//
// A route (route.go) is one row: method, chi pattern, summary, access
// (public, member, admin), query parameters, request and response types. The
// router and openapi.json are both built from the rows, so an undocumented
// route cannot exist and a query parameter that is not declared is refused.
// apiRoute wraps func(*http.Request) (Out, error): the result is written as
// JSON, a crm.Error as its status. rawRoute is for handlers that write their
// own response (pages, files, SSE).
//
// A resource[T] (resource.go) is one kind of owned record for the API: how to
// make a fresh one, load, check, create and save it, and which field says its
// owner. createRecord, getRecord and updateRecord do the common work (decode
// onto defaults or onto a copy, check the owner may be assigned, audit a
// change of owner), so an area's create/get/update handlers are one line each.
//
// A recordKind[T] (records.go) is the browser side of the same kind: its
// form fields, list columns, filters and detail-page extras. It points at the
// resource[T] (field res), and its form is saved by turning the submitted
// inputs into the API's JSON body and calling the resource, so a page and the
// API refuse the same input with the same problems. kindRoutes makes its six
// pages (list, new, create, show, edit, update).
//
// A settingsKind (settings.go) is an admin editor for a configured thing (a
// web form, a mailbox): sections of fields, and create/update/remove that are
// the API handlers themselves (savedBy adapts them). settingsRoutes makes its
// five pages; its list page is the area's own.
//
// # Adding
//
// A record kind: in crm, the type and its store methods (and storetest).
// Here: <kind>_api.go with func (s *Server) <kinds>() resource[T] and the
// create/get/update/list handlers; their rows in routes.go (or an
// <area>_routes.go); <kind>_page.go with a recordKind[T]; one kindRoutes line
// in recordRoutes; keys "rec.<kind>", "rec.<kind>.new", "nav.<kinds>" and
// "field.<name>" for new fields in locales/.
//
// An API route: a handler func (s *Server) x(r *http.Request) (Out, error)
// that reads the viewer with viewerOf(r) and passes it to the store (every
// list, count and search is filtered by what the viewer may see); a row in
// the area's <area>Routes(); the area's Routes() listed once in routeTable.
// The row documents the route in openapi.json (TestOpenAPICoversEveryRoute).
//
// A settings page: <area>_page.go with a settingsKind whose create, update and
// remove are the area's API handlers (savedBy), s.settingsRoutes(kind, "a …")
// appended to the area's routes, a templates/pages/<one>_edit.html (copy
// form_edit.html), a list page of its own and a link in partials/header.html.
//
// A string: add "key" = "text" to locales/<area>.en.toml and the same key to
// locales/<area>.zh-CN.toml (a new area adds its own pair of files). Go code
// calls translate(lang, key); templates call {{.T "key"}}. TestCatalogComplete
// fails when a key is missing from one language; a key defined twice stops
// the start. Field labels are "field.<name>", select options
// "opt.<field>.<value>", validation problems "err.<message>".
//
// # Tests
//
// Tests build a server over internal/testapp (a real store, ingester and
// outbox) with newEnv (the API) or newPager (the pages), and run in
// parallel; browser tests get a tab of the one shared Chromium from
// web/browsertest.
package web
