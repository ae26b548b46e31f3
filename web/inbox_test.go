package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// inbox feeds mail through real ingestion (crm.Ingester with the real
// matcher) into the env's store, as the email adapter would.
type inbox struct {
	e   *env
	ing *crm.Ingester
	seq int
}

// inbox feeds the app's ingester; new leads go to the round robin of
// leadTeam (0: the pool, the app's own ingester's rule).
func (e *env) inbox(leadTeam int64) *inbox {
	if leadTeam == 0 {
		return &inbox{e: e, ing: e.app.Ingester}
	}
	return &inbox{e: e, ing: e.app.IngesterWith(func(c *crm.IngestConfig) { c.LeadTeamID = leadTeam })}
}

// mail ingests a mail from addr; replyTo, when set, is the Message-ID it
// answers, so that it threads into that conversation.
func (b *inbox) mail(t *testing.T, from, subject, text, replyTo string) *crm.IngestResult {
	t.Helper()
	b.seq++
	id := fmt.Sprintf("<m%d@mail.example>", b.seq)
	in := &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example", ExternalID: id,
		MessageRef: id, From: crm.Address{Address: from}, Subject: subject, Text: text,
		ReceivedAt: b.e.clock.Now(), Raw: []byte("Subject: " + subject + "\r\n\r\n" + text)}
	if replyTo != "" {
		in.References = []string{replyTo}
	}
	res, err := b.ing.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// messageID is the Message-ID the inbox gave its n-th mail (from 1).
func messageID(n int) string { return fmt.Sprintf("<m%d@mail.example>", n) }

// convPath is a conversation's API path, with an optional suffix.
func convPath(id int64, suffix string) string {
	return fmt.Sprintf("/api/v1/conversations/%d%s", id, suffix)
}

// message is a message as the API returns it (the fields the tests read).
type message struct {
	ID        int64      `json:"id"`
	Direction string     `json:"direction"`
	Text      string     `json:"text"`
	Links     []crm.Link `json:"links"`
}

type messageList struct {
	Items []message `json:"items"`
	Next  int64     `json:"next"`
}

// hasLink reports whether links tie to kind id, and by which rule.
func hasLink(links []crm.Link, kind string, id int64) (string, bool) {
	for _, l := range links {
		if l.Kind == kind && l.TargetID == id {
			return l.Rule, true
		}
	}
	return "", false
}

// wantOnlyContact checks that a conversation and its messages point at
// contact want, each message by rule, and no longer at gone.
func wantOnlyContact(t *testing.T, e *env, conv, want, gone int64, rule string) {
	t.Helper()
	var c crm.Conversation
	e.call("admin", "GET", convPath(conv, ""), nil, 200, &c)
	if c.ContactID == nil || *c.ContactID != want {
		t.Errorf("conversation contact %v, want %d", c.ContactID, want)
	}
	var l messageList
	e.call("admin", "GET", convPath(conv, "/messages"), nil, 200, &l)
	for _, m := range l.Items {
		got, ok := hasLink(m.Links, crm.RefContact, want)
		if _, stale := hasLink(m.Links, crm.RefContact, gone); !ok || got != rule || stale {
			t.Errorf("message %d links %+v: want contact %d by %s, not %d", m.ID, m.Links, want, rule, gone)
		}
	}
}
