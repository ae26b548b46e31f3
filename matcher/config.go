package matcher

import (
	"regexp"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Config tunes a Matcher. The zero value is usable: every empty field takes
// the default named in its comment.
type Config struct {
	// PhoneRegion is the region for numbers written without a country code;
	// empty: crm.DefaultRegion ("CN"). It must be the region the stores
	// normalized contact phones with, or the same number reads differently.
	PhoneRegion string
	// FreeMailDomains are public mail services: a sender there says nothing
	// about their company. A subdomain of one (vip.qq.com) is free too.
	// nil: DefaultFreeMailDomains(); to extend it, append to that list.
	FreeMailDomains []string
	// OwnDomains are our own mail domains: never a customer's, and their
	// senders (our colleagues) never become leads or contacts.
	OwnDomains []string
	// OrderPatterns find order and contract numbers in subjects and texts;
	// TaskPatterns find task numbers. When a pattern has a capture group, the
	// first group is the number, else the whole match. The number is looked
	// up exactly as written. nil: DefaultOrderPatterns(), DefaultTaskPatterns().
	OrderPatterns []*regexp.Regexp
	TaskPatterns  []*regexp.Regexp
	// MaxScan bounds the bytes of subject and text searched for numbers, so
	// a huge message costs no more than a normal one; 0: 16 KiB.
	MaxScan int
	// MaxLookups bounds the lookups per kind (references, phones, orders,
	// tasks) for one message; 0: 8.
	MaxLookups int
	// NotesMax is how many characters of the first message a new lead's
	// notes keep; 0: 500.
	NotesMax int
	// ReopenWithin is how long after its last message a resolved
	// conversation of a sender without thread headers (a WeChat follower)
	// is reopened by their next message; later, a new conversation starts
	// (with the same records). 0: crm.DefaultReopenWithin (7 days).
	ReopenWithin time.Duration
}

// Matcher decides how an inbound message links to Rapport's records. It is
// safe for concurrent use: it holds only its configuration.
type Matcher struct {
	region   string
	free     map[string]bool
	own      map[string]bool
	orders   []*regexp.Regexp
	tasks    []*regexp.Regexp
	maxScan  int
	maxLook  int
	notesMax int
	reopen   time.Duration
}

var _ crm.MatchDecider = (*Matcher)(nil)

// New returns a Matcher for cfg.
func New(cfg Config) *Matcher {
	m := &Matcher{region: cfg.PhoneRegion, orders: cfg.OrderPatterns, tasks: cfg.TaskPatterns,
		maxScan: cfg.MaxScan, maxLook: cfg.MaxLookups, notesMax: cfg.NotesMax}
	if m.region == "" {
		m.region = crm.DefaultRegion
	}
	if cfg.FreeMailDomains == nil {
		cfg.FreeMailDomains = DefaultFreeMailDomains()
	}
	m.free, m.own = domainSet(cfg.FreeMailDomains), domainSet(cfg.OwnDomains)
	if m.orders == nil {
		m.orders = DefaultOrderPatterns()
	}
	if m.tasks == nil {
		m.tasks = DefaultTaskPatterns()
	}
	m.maxScan = orDefault(m.maxScan, 16<<10)
	m.maxLook = orDefault(m.maxLook, 8)
	m.notesMax = orDefault(m.notesMax, 500)
	m.reopen = cfg.ReopenWithin
	if m.reopen <= 0 {
		m.reopen = crm.DefaultReopenWithin
	}
	return m
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func domainSet(list []string) map[string]bool {
	set := make(map[string]bool, len(list))
	for _, d := range list {
		if d = strings.ToLower(strings.Trim(strings.TrimSpace(d), ".")); d != "" {
			set[d] = true
		}
	}
	return set
}
