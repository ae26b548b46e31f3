package matcher_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// want is a decision, with records named by fixture keys.
type want struct {
	conv, contact, customer, lead string
	links                         []string // "kind:key rule value"
	review                        []string // candidates, "kind:key rule"
	newContact                    *crm.Contact
	colleagues                    []string // new contacts from To/Cc, "name <email> customer:key owner"
	newLead                       *crm.Lead
}

type ruleCase struct {
	name string
	in   *crm.Inbound
	want want
}

func email(from, name, subject, text string, refs ...string) *crm.Inbound {
	return &crm.Inbound{Channel: crm.ChannelEmail, Account: "inbox", ExternalID: "x",
		From: crm.Address{Name: name, Address: from}, Subject: subject, Text: text, References: refs}
}

func wechat(openid, unionid, text string) *crm.Inbound {
	return &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wxapp1", ExternalID: "x",
		From: crm.Address{Address: openid}, Text: text, UnionID: unionid,
		Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wxapp1", Value: openid}}
}

func form(p crm.Person, text string) *crm.Inbound {
	return &crm.Inbound{Channel: crm.ChannelWebForm, Account: "contact-us", ExternalID: "x",
		From: crm.Address{Name: p.Name, Address: p.Email}, Person: p, Text: text,
		Source: crm.LeadSource{Form: "contact-us", UTMSource: "baidu"}}
}

func automated(in *crm.Inbound) *crm.Inbound { in.Automated = true; return in }

// TestRules runs every rule against the real stores.
func TestRules(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			f := seed(t, e.open(t))
			m := matcher.New(matcher.Config{OwnDomains: []string{"rapport.example"}})
			for _, tt := range ruleCases(f) {
				t.Run(tt.name, func(t *testing.T) { f.check(t, m, tt) })
			}
		})
	}
}

// match runs m inside an ingest transaction, as crm.Ingester does.
func (f *fixture) match(t testing.TB, m *matcher.Matcher, in *crm.Inbound) *crm.Match {
	t.Helper()
	var got *crm.Match
	must(t, f.db.WithIngestTx(context.Background(), func(ctx context.Context, tx crm.IngestTx) error {
		var err error
		got, err = m.Match(ctx, tx, in)
		return err
	}))
	return got
}

func (f *fixture) check(t *testing.T, m *matcher.Matcher, tt ruleCase) {
	got := f.match(t, m, tt.in)
	w := tt.want
	f.checkID(t, "conversation", crm.RefConversation, got.ConversationID, w.conv)
	f.checkID(t, "contact", crm.RefContact, got.ContactID, w.contact)
	f.checkID(t, "customer", crm.RefCustomer, got.CustomerID, w.customer)
	f.checkID(t, "lead", crm.RefLead, got.LeadID, w.lead)
	sameSet(t, "links", f.linkNames(got.Links), w.links)
	sameSet(t, "candidates", f.candidateNames(got.Candidates), w.review)
	if got.NeedsReview != (len(w.review) > 0) {
		t.Errorf("NeedsReview = %v with candidates %v", got.NeedsReview, got.Candidates)
	}
	f.checkNewContact(t, got.NewContact, w.newContact)
	f.checkColleagues(t, got.NewColleagues, w.colleagues)
	checkNewLead(t, got.NewLead, w.newLead)
}

func (f *fixture) checkID(t *testing.T, what, kind string, got int64, key string) {
	t.Helper()
	var want int64
	if key != "" {
		want = f.id(kind, key)
	}
	if got != want {
		t.Errorf("%s = %s, want %s", what, f.name(kind, got), f.name(kind, want))
	}
}

// name is the fixture key of a record, or its id when it has none.
func (f *fixture) name(kind string, id int64) string {
	if id == 0 {
		return "none"
	}
	for k, v := range f.ids {
		if v == id && strings.HasPrefix(k, kind+":") {
			return k
		}
	}
	return fmt.Sprintf("%s:#%d", kind, id)
}

func (f *fixture) linkNames(links []crm.Link) []string {
	out := make([]string, 0, len(links))
	for _, l := range links {
		out = append(out, f.name(l.Kind, l.TargetID)+" "+l.Rule+" "+l.Value)
	}
	return out
}

func (f *fixture) candidateNames(cs []crm.Candidate) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, f.name(c.Kind, c.ID)+" "+c.Rule)
	}
	return out
}

func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if !slices.Equal(g, w) {
		t.Errorf("%s:\n got  %q\n want %q", what, g, w)
	}
}
