package crm

import (
	"context"
	"time"
)

// Lead statuses.
const (
	LeadNew       = "new"
	LeadContacted = "contacted"
	LeadQualified = "qualified"
	LeadConverted = "converted"
	LeadLost      = "lost"
)

// LeadSource records where a lead came from.
type LeadSource struct {
	Channel     string `json:"channel"` // wechat, email, webform, manual, import…
	Form        string `json:"form,omitempty"`
	Campaign    string `json:"campaign,omitempty"`
	UTMSource   string `json:"utm_source,omitempty"`
	UTMMedium   string `json:"utm_medium,omitempty"`
	UTMCampaign string `json:"utm_campaign,omitempty"`
	UTMTerm     string `json:"utm_term,omitempty"`
	UTMContent  string `json:"utm_content,omitempty"`
	PageURL     string `json:"page_url,omitempty"`
	Referrer    string `json:"referrer,omitempty"`
	IP          string `json:"ip,omitempty"`         // the client's address (a web form's submitter)
	UserAgent   string `json:"user_agent,omitempty"` // the submitter's browser
}

// Lead is a prospect not yet a customer: a person, often with a company.
type Lead struct {
	ID             int64             `json:"id"`
	Name           string            `json:"name"`
	Company        string            `json:"company"`
	Title          string            `json:"title"`
	Phone          string            `json:"phone"` // E.164
	Email          string            `json:"email"` // lower-case
	Source         LeadSource        `json:"source"`
	Status         string            `json:"status"`
	OwnerID        *int64            `json:"owner_id"` // nil: in the pool
	Notes          string            `json:"notes"`
	Custom         map[string]string `json:"custom"`
	Tags           []string          `json:"tags"` // managed labels, by name
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	LastFollowUpAt *time.Time        `json:"last_follow_up_at"`
	ClaimedAt      *time.Time        `json:"claimed_at"`
	// SourceMessageID is the inbound message that made the lead (a mail,
	// a WeChat message, a form); nil for a lead entered by hand or imported.
	SourceMessageID *int64 `json:"source_message_id" doc:"the inbound message that created the lead (GET /api/v1/messages/{id}); null for a lead entered by hand"`
	PoolState
}

// Normalize cleans the email and phone (to E.164 in region) and validates l.
// A lead needs a name, a company or a way to reach them.
func (l *Lead) Normalize(region string) error {
	if l.Status == "" {
		l.Status = LeadNew
	}
	if l.Source.Channel == "" {
		l.Source.Channel = "manual"
	}
	l.Tags = cleanTags(l.Tags)
	p := Problems{}
	if l.Name == "" && l.Company == "" && l.Phone == "" && l.Email == "" {
		p.Add("name", "a name, company, phone or email is required")
	}
	p.MaxLen("name", l.Name, 200)
	p.MaxLen("company", l.Company, 200)
	p.MaxLen("notes", l.Notes, 20000)
	p.OneOf("status", l.Status, LeadNew, LeadContacted, LeadQualified, LeadConverted, LeadLost)
	if l.Email != "" {
		if e, ok := NormalizeEmail(l.Email); ok {
			l.Email = e
		} else {
			p.Add("email", "is not a valid email address")
		}
	}
	if l.Phone != "" {
		if n, ok := NormalizePhone(l.Phone, region); ok {
			l.Phone = n
		} else {
			p.Add("phone", PhoneProblem(l.Phone))
		}
	}
	if len(l.Custom) > 50 {
		p.Add("custom", "has more than 50 fields")
	}
	return p.Err()
}

// LeadFilter narrows ListLeads.
type LeadFilter struct {
	Viewer  Viewer
	Query   string // a fragment of name, company, email or phone
	Status  string
	Channel string
	Tag     string // carries this label
	OwnerID *int64
	InPool  bool
	Page    Page
	PoolFilter
	// The funnel report's figures, so each opens the leads behind it:
	// created in [CreatedFrom, CreatedTo), from this form, UTM campaign or
	// WeChat QR scene, converted into a customer.
	CreatedFrom, CreatedTo     *time.Time
	Form, UTMCampaign, QRScene string
	Converted                  bool
	TeamID                     *int64 // owned by a member of this team
}

// LeadStore keeps leads and the pool.
type LeadStore interface {
	// CreateLead stores l and sets ID and times. EINVALID.
	CreateLead(ctx context.Context, l *Lead) error
	// UpdateLead saves a lead v may see. ENOTFOUND, EINVALID.
	UpdateLead(ctx context.Context, v Viewer, l *Lead) error
	// Lead returns one lead v may see. ENOTFOUND.
	Lead(ctx context.Context, v Viewer, id int64) (*Lead, error)
	// ListLeads returns a page of leads, newest first.
	ListLeads(ctx context.Context, f LeadFilter) (List[*Lead], error)
	// ClaimLead gives a pool lead to v's user and sets ClaimedAt.
	// ENOTFOUND; ECONFLICT when someone owns it already.
	ClaimLead(ctx context.Context, v Viewer, id int64) (*Lead, error)
}
