package crm

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
)

// Lead fields a form field may map to (FormField.MapTo). A form field
// mapped to none of them is kept as a custom field of the lead.
const (
	FieldName    = "name"
	FieldPhone   = "phone"
	FieldEmail   = "email"
	FieldCompany = "company"
	FieldTitle   = "title"
	FieldMessage = "message"
)

// FormField is one input of a web form.
type FormField struct {
	Name     string `json:"name"`             // the input's name attribute
	MapTo    string `json:"map_to,omitempty"` // a Field* lead field; empty: a custom field
	Label    string `json:"label,omitempty"`  // the hosted page's label; empty: Name
	Required bool   `json:"required,omitempty"`
}

// FormConfirmation is the email sent to whoever submitted a form.
type FormConfirmation struct {
	// Mailbox is the email channel's account the confirmation goes out from.
	Mailbox string `json:"mailbox"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// Form is a web form's definition: its public key is the one part of the
// capture URL (/f/{key}) a website holds.
type Form struct {
	ID     int64       `json:"id"`
	Key    string      `json:"key"` // random, URL-safe; set by CreateForm
	Name   string      `json:"name"`
	Fields []FormField `json:"fields"`
	// AllowedOrigins are the sites ("https://www.example.com") whose pages
	// may post the form from the browser; "*" allows any.
	AllowedOrigins []string `json:"allowed_origins"`
	// RedirectURL is where a browser goes after a plain HTML post; empty:
	// the hosted page's thank-you. fetch and JSON posts get JSON either way.
	RedirectURL string `json:"redirect_url"`
	// TeamID's round robin assigns the new leads the form makes; nil: the
	// server's default team, or the pool.
	TeamID *int64 `json:"team_id"`
	// Tags are kept on each new lead (custom field "tags").
	Tags         []string          `json:"tags"`
	Confirmation *FormConfirmation `json:"confirmation"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

// FormStore keeps web-form definitions.
type FormStore interface {
	// CreateForm stores f with a new Key and sets ID and times. EINVALID.
	CreateForm(ctx context.Context, f *Form) error
	// UpdateForm saves f's definition; the key never changes. ENOTFOUND, EINVALID.
	UpdateForm(ctx context.Context, f *Form) error
	// Form returns one form. ENOTFOUND.
	Form(ctx context.Context, id int64) (*Form, error)
	// FormByKey returns the form with a public key. ENOTFOUND.
	FormByKey(ctx context.Context, key string) (*Form, error)
	// ListForms returns every form, oldest first.
	ListForms(ctx context.Context) ([]*Form, error)
	// DeleteForm removes a form; leads it made stay. ENOTFOUND.
	DeleteForm(ctx context.Context, id int64) error
}

// NewFormKey returns a random public key: 128 bits or more, lower-case
// base32 (URL-safe, and easy to read out over the phone).
func NewFormKey() string { return strings.ToLower(rand.Text()) }
