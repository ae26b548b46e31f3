// Package storetest is the behaviour every crm.Store must show, run against
// each engine by its own tests: round trips, not-found, conflicts,
// validation, visibility, pagination, search and the few races that matter.
//
// Each engine has one entry point, TestStore, which calls Run; a new suite
// (a RunX here) is added to Run's list, so both engines run it.
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

// Run is an engine's one entry point: every suite of this package, each a
// parallel subtest (go test -run 'TestStore/Inbox' picks one). A new suite
// is a line here, not a test file in each engine's package. m is the
// matcher the ingest suites run with: storetest imports nothing but crm.
func Run(t *testing.T, open Opener, m crm.MatchDecider) {
	for _, suite := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"Records", func(t *testing.T) { RunRecords(t, open) }},
		{"Tx", func(t *testing.T) { RunTx(t, open) }},
		{"ConversationsAbout", func(t *testing.T) { RunConversationsAbout(t, open) }},
		{"ConversationFolds", func(t *testing.T) { RunConversationFolds(t, open) }},
		{"Forms", func(t *testing.T) { RunForms(t, open) }},
		{"Inbox", func(t *testing.T) { RunInbox(t, open) }},
		{"Ingest", func(t *testing.T) { RunIngest(t, open, m) }},
		{"Mailbox", func(t *testing.T) { RunMailbox(t, open, m) }},
		{"Outbox", func(t *testing.T) { RunOutbox(t, open, m) }},
		{"WeChat", func(t *testing.T) { RunWeChat(t, open, m) }},
		{"Leases", func(t *testing.T) { RunLeases(t, open) }},
		{"Imports", func(t *testing.T) { RunImports(t, open) }},
		{"Satisfaction", func(t *testing.T) { RunSatisfaction(t, open) }},
		{"ReminderMail", func(t *testing.T) { RunReminderMail(t, open) }},
		{"RateCounters", func(t *testing.T) { RunRateCounters(t, open) }},
		{"Timeline", func(t *testing.T) { RunTimeline(t, open) }},
		{"LeadConversations", func(t *testing.T) { RunLeadConversations(t, open) }},
		{"LeadConvert", func(t *testing.T) { RunLeadConvert(t, open) }},
		{"CustomerMove", func(t *testing.T) { RunCustomerMove(t, open) }},
		{"Pick", func(t *testing.T) { RunPick(t, open) }},
		{"Reports", func(t *testing.T) { RunReports(t, open) }},
		{"UserAdmin", func(t *testing.T) { RunUserAdmin(t, open) }},
		{"Lists", func(t *testing.T) { RunLists(t, open) }},
		{"Labels", func(t *testing.T) { RunLabels(t, open) }},
		{"UserNotices", func(t *testing.T) { RunUserNotices(t, open) }},
		{"Move", func(t *testing.T) { RunMove(t, open) }},
	} {
		t.Run(suite.name, func(t *testing.T) {
			t.Parallel()
			suite.run(t)
		})
	}
}

// RunRecords runs the record tests (users to attachments), each on its own
// fresh store.
func RunRecords(t *testing.T, open Opener) {
	var all []storeTest
	for _, group := range [][]storeTest{userTests, customerTests, contactTests, leadTests,
		orderTests, paymentTests, taskTests, followUpTests, attachmentTests, apiGapTests, productTests} {
		all = append(all, group...)
	}
	for _, tt := range all {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}
