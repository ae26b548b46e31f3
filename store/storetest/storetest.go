// Package storetest is the behaviour every crm.Store must show, run against
// each engine by its own tests: round trips, not-found, conflicts,
// validation, visibility, pagination, search and the few races that matter.
package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// Opener returns a fresh, migrated, empty store for one test; the opener
// closes it when the test ends.
type Opener = func(t *testing.T) crm.Store

type storeTest struct {
	name string
	fn   func(t *testing.T, s crm.Store)
}

// Run runs every conformance test, each on its own fresh store.
func Run(t *testing.T, open Opener) {
	var all []storeTest
	for _, group := range [][]storeTest{userTests, customerTests, contactTests, leadTests,
		orderTests, paymentTests, taskTests, followUpTests, attachmentTests, apiGapTests} {
		all = append(all, group...)
	}
	for _, tt := range all {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}
