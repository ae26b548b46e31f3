package email

import (
	"net/mail"
	"regexp"
	"strings"

	gomail "github.com/emersion/go-message/mail"
	"github.com/rapport-crm/rapport/crm"
)

var looseMsgID = regexp.MustCompile(`<[^<>\s]+>`)

var angleAddr = regexp.MustCompile(`[^\s<>,;"]+@[^\s<>,;"]+`)

// addresses parses an address header; when the list is malformed it keeps
// whatever looks like an address rather than nothing.
func addresses(h gomail.Header, key string) []crm.Address {
	list, err := h.AddressList(key)
	if err == nil {
		out := make([]crm.Address, 0, len(list))
		for _, a := range list {
			out = append(out, crm.Address{Name: decodeWords(a.Name), Address: strings.ToLower(a.Address)})
		}
		return out
	}
	var out []crm.Address
	for _, s := range angleAddr.FindAllString(h.Get(key), 20) {
		if a, err := mail.ParseAddress(s); err == nil {
			out = append(out, crm.Address{Address: strings.ToLower(a.Address)})
		}
	}
	return out
}

// messageID returns the Message-ID without angle brackets, tolerating ids
// that are not RFC 5322 msg-ids.
func messageID(h gomail.Header) string {
	if id, err := h.MessageID(); err == nil && id != "" {
		return id
	}
	return firstID(h.Get("Message-Id"))
}

// references returns thread references strongest first: In-Reply-To, then
// References from the newest (the parent) back to the thread's root.
func references(h gomail.Header) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id = cleanID(id); id != "" && !seen[id] && len(out) < crm.MaxThreadRefs {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range msgIDs(h, "In-Reply-To") {
		add(id)
	}
	refs := msgIDs(h, "References")
	for i := len(refs) - 1; i >= 0; i-- {
		add(refs[i])
	}
	return out
}

func msgIDs(h gomail.Header, key string) []string {
	if l, err := h.MsgIDList(key); err == nil {
		return l
	}
	return looseMsgID.FindAllString(h.Get(key), crm.MaxThreadRefs)
}
