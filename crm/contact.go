package crm

import (
	"context"
	"time"
)

// Identity kinds: how a channel knows a person.
const (
	IdentityWeChat  = "wechat"  // Key: appid, Value: openid
	IdentityUnionID = "unionid" // Value: the Open Platform unionid
)

// Identity is one channel identity of a contact.
type Identity struct {
	Kind  string `json:"kind"`
	Key   string `json:"key"` // the WeChat appid; empty for unionid
	Value string `json:"value"`
}

// Contact is a person: at a customer, or on their own.
type Contact struct {
	ID         int64      `json:"id"`
	CustomerID *int64     `json:"customer_id"`
	Name       string     `json:"name"`
	Title      string     `json:"title"`
	Emails     []string   `json:"emails"` // lower-case
	Phones     []string   `json:"phones"` // E.164
	Identities []Identity `json:"identities"`
	Birthday   *Date      `json:"birthday"`
	Notes      string     `json:"notes"`
	OwnerID    *int64     `json:"owner_id"`
	Tags       []string   `json:"tags"` // managed labels, by name
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Normalize cleans emails and phones (to E.164, reading numbers without a
// country code in region) and validates c.
func (c *Contact) Normalize(region string) error {
	c.Tags = cleanTags(c.Tags)
	p := Problems{}
	p.Require("name", c.Name)
	p.MaxLen("name", c.Name, 200)
	p.MaxLen("title", c.Title, 200)
	p.MaxLen("notes", c.Notes, 20000)
	c.Emails = normalizeEmails(p, "emails", c.Emails)
	c.Phones = normalizePhones(p, "phones", c.Phones, region)
	for i, id := range c.Identities {
		if (id.Kind != IdentityWeChat && id.Kind != IdentityUnionID) || id.Value == "" ||
			(id.Kind == IdentityWeChat && id.Key == "") {
			p.Add("identities", "identity "+itoa(i)+" needs a kind (wechat with key and value, or unionid with value)")
		}
	}
	return p.Err()
}

// ContactFilter narrows ListContacts.
type ContactFilter struct {
	Viewer     Viewer
	Query      string // a fragment of name, title, email or phone
	CustomerID *int64
	OwnerID    *int64
	Tag        string // carries this label
	Page       Page
}

// ContactStore keeps contacts and finds them by their identities.
type ContactStore interface {
	// CreateContact stores c with its emails, phones and identities.
	// EINVALID; ECONFLICT when a channel identity already belongs to a
	// contact (an email or phone may be shared).
	CreateContact(ctx context.Context, c *Contact) error
	// UpdateContact saves c, replacing its emails, phones and identities.
	// ENOTFOUND, EINVALID, ECONFLICT.
	UpdateContact(ctx context.Context, v Viewer, c *Contact) error
	// Contact returns one contact v may see. ENOTFOUND.
	Contact(ctx context.Context, v Viewer, id int64) (*Contact, error)
	// ListContacts returns a page of contacts, newest first.
	ListContacts(ctx context.Context, f ContactFilter) (List[*Contact], error)
	// ContactsByEmail returns the contacts v may see with this address
	// (case-insensitive), ordered by id. Several is not an error.
	ContactsByEmail(ctx context.Context, v Viewer, email string) ([]*Contact, error)
	// ContactsByPhone returns the contacts v may see with this E.164 number.
	ContactsByPhone(ctx context.Context, v Viewer, e164 string) ([]*Contact, error)
	// ContactByIdentity returns the contact holding a channel identity.
	// ENOTFOUND.
	ContactByIdentity(ctx context.Context, v Viewer, id Identity) (*Contact, error)
}
