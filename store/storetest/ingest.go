package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunIngest runs the ingest conformance tests: crm.Ingester over the store,
// with the matcher the caller gives (the real one: storetest imports only
// crm, so the engine's tests pass matcher.New).
func RunIngest(t *testing.T, open Opener, m crm.MatchDecider) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h *ingestHarness)
	}{
		{"NewSenderBecomesLead", testIngestNewLead},
		{"NewLeadLabelled", testIngestNewLeadLabelled},
		{"DuplicateStoredOnce", testIngestDuplicate},
		{"ConcurrentDuplicatesStoredOnce", testIngestConcurrentDuplicates},
		{"ThreadAndReopen", testIngestThreadReopen},
		{"KnownContactLinked", testIngestKnownContact},
		{"AutomatedMakesNoLead", testIngestAutomated},
		{"AttachmentsKept", testIngestAttachments},
		{"CursorCommittedWithMessage", testIngestCursor},
		{"BadMessageSparesItsBatch", testIngestBadMessage},
		{"OneBatchSeesItsOwnWrites", testIngestOneBatch},
		{"CopiedColleaguesBecomeContacts", testIngestColleagues},
		{"BadMessageInOneBatch", testIngestBadMessageInBatch},
		{"RoundRobinWithCap", testIngestRoundRobin},
		{"MessageTeamTakesTheLead", testIngestMessageTeam},
		{"ContactWithoutOwnerGoesToCustomerOwner", testIngestCustomerOwner},
		{"AmbiguousGoesToReview", testIngestReview},
		{"ReviewKeepsLeadSource", testReviewKeepsLeadSource},
		{"FindDuplicates", testFindDuplicates},
		{"FindMessages", testFindMessages},
		{"MergeContacts", testMergeContacts},
		{"MergeCustomers", testMergeCustomers},
		{"FollowerIsOneConversation", testIngestFollower},
		{"SenderThreadFirstWins", testSenderThreadFirstWins},
		{"FollowerNickname", testFollowerNickname},
		{"ByAnyDomain", testIngestByAnyDomain},
	}
	for _, tt := range tests {
		t.Run("Ingest/"+tt.name, func(t *testing.T) {
			tt.fn(t, newIngestHarness(t, open(t), m, 0))
		})
	}
}

// ingestHarness runs an Ingester's writer for one test and records events.
type ingestHarness struct {
	s      crm.Store
	m      crm.MatchDecider
	ing    *crm.Ingester
	w      *world
	mu     sync.Mutex
	events []crm.Event
	now    time.Time
}

func (h *ingestHarness) Publish(e crm.Event) {
	h.mu.Lock()
	h.events = append(h.events, e)
	h.mu.Unlock()
}

func newIngestHarness(t *testing.T, s crm.Store, m crm.MatchDecider, leadTeam int64) *ingestHarness {
	h := &ingestHarness{s: s, m: m, now: aTime(0)}
	h.w = newWorld(t, s)
	h.start(t, leadTeam)
	return h
}

// start (re)starts the writer, e.g. with a lead team set up by the test.
func (h *ingestHarness) start(t *testing.T, leadTeam int64) {
	ctx, cancel := context.WithCancel(context.Background())
	ing := crm.NewIngester(crm.IngestConfig{Store: h.s, Matcher: h.m, Events: h, LeadTeamID: leadTeam,
		Now: func() time.Time { return h.now }})
	h.ing = ing
	done := make(chan struct{})
	go func() { ing.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func (h *ingestHarness) ingest(t *testing.T, in *crm.Inbound) *crm.IngestResult {
	t.Helper()
	res, err := h.ing.Ingest(ctx, in, nil)
	must(t, err)
	return res
}

func (h *ingestHarness) messages(t *testing.T, convID int64) []*crm.Message {
	t.Helper()
	l, err := h.s.Messages(ctx, crm.System, convID, crm.Page{})
	must(t, err)
	return l.Items
}

// mailSeq numbers mail; the suites run in parallel.
var mailSeq atomic.Int64

// mail returns an inbound email from addr with a unique id.
func mail(from, subject, text string) *crm.Inbound {
	id := fmt.Sprintf("<m%d@mail.example>", mailSeq.Add(1))
	return &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example", ExternalID: id,
		MessageRef: id, From: crm.Address{Name: "", Address: from}, Subject: subject, Text: text,
		ReceivedAt: aTime(0), Raw: []byte("Subject: " + subject + "\r\n\r\n" + text)}
}

func hasLink(links []crm.Link, kind string, id int64) bool {
	for _, l := range links {
		if l.Kind == kind && l.TargetID == id {
			return true
		}
	}
	return false
}
