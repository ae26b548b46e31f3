package crm

import (
	"context"
	"strings"
	"time"
)

// Inbox views: whose conversations a list shows.
const (
	ViewAll        = "all"        // every conversation the viewer may see
	ViewMine       = "mine"       // assigned to the viewer
	ViewUnassigned = "unassigned" // the shared pool
)

// Inbox orders.
const (
	SortNewest  = "newest"  // latest message first
	SortWaiting = "waiting" // customers who wrote last, longest waiting first
)

// InboxQuery selects one page of the inbox. Empty fields do not filter,
// except View (default all) and Sort (default newest).
type InboxQuery struct {
	Viewer  Viewer
	View    string
	Channel string
	Status  string // a Conv* status; empty: any
	Label   string
	TeamID  *int64
	// HandedOff keeps conversations the bot handed to a person that no rep
	// has answered since.
	HandedOff bool
	// Drill: the conversations behind a service report figure.
	Drill  InboxDrill
	Search string // words that must all appear in one message, Chinese or English
	Sort   string
	Limit  int
	Cursor string // InboxPage.Next of the previous page
}

// Validate checks the query's enumerations and fills in defaults.
func (q *InboxQuery) Validate() error {
	p := Problems{}
	q.View = defaultTo(q.View, ViewAll)
	q.Sort = defaultTo(q.Sort, SortNewest)
	q.Search = strings.TrimSpace(q.Search)
	p.OneOf("view", q.View, ViewAll, ViewMine, ViewUnassigned)
	p.OneOf("sort", q.Sort, SortNewest, SortWaiting)
	if q.Status != "" {
		p.OneOf("status", q.Status, ConvOpen, ConvPending, ConvSnoozed, ConvResolved)
	}
	if q.Channel != "" {
		p.OneOf("channel", q.Channel, ChannelEmail, ChannelWeChat, ChannelWebForm)
	}
	p.MaxLen("q", q.Search, 200)
	q.Drill.Validate(p)
	q.Limit = Page{Limit: q.Limit}.Clamp().Limit
	return p.Err()
}

func defaultTo(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// InboxItem is one row of the inbox: the conversation and its last message.
type InboxItem struct {
	Conversation
	Preview   string `json:"preview"`     // the start of the last message
	From      string `json:"from"`        // the linked contact's or lead's name, else the last sender's name or address
	LastIsOut bool   `json:"last_is_out"` // the last message was ours
}

// InboxPage is one page of the inbox; Next is the cursor of the next ("": no more).
type InboxPage struct {
	Items []*InboxItem `json:"items"`
	Next  string       `json:"next"`
}

// InboxCounts are the numbers beside the filters: per view under the
// query's status, and per status under the query's view.
type InboxCounts struct {
	Views    map[string]int `json:"views"`
	Statuses map[string]int `json:"statuses"`
}

// Note is a rep's private note on a conversation: never sent.
type Note struct {
	ID             int64     `json:"id"`
	ConversationID int64     `json:"conversation_id"`
	AuthorID       int64     `json:"author_id"`
	AuthorName     string    `json:"author_name"`
	Text           string    `json:"text"`
	CreatedAt      time.Time `json:"created_at"`
}

// CannedReply is a saved answer reps insert into the composer.
type CannedReply struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	CreatedBy *int64    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a canned reply.
func (c *CannedReply) Validate() error {
	p := Problems{}
	c.Title, c.Text = strings.TrimSpace(c.Title), strings.TrimSpace(c.Text)
	p.Require("title", c.Title)
	p.Require("text", c.Text)
	p.MaxLen("title", c.Title, 200)
	p.MaxLen("text", c.Text, 10000)
	return p.Err()
}

// Assignment gives a conversation to a rep and/or a team (nil: nobody).
type Assignment struct {
	AssigneeID *int64 `json:"assignee_id"`
	TeamID     *int64 `json:"team_id"`
}

// InboxStore lists and updates conversations for the shared inbox.
type InboxStore interface {
	// Inbox returns a page of the conversations q.Viewer may see. EINVALID.
	Inbox(ctx context.Context, q InboxQuery) (InboxPage, error)
	// InboxCounts counts what the filters beside the list would show
	// (ignoring q.Search, the cursor and the sort). EINVALID.
	InboxCounts(ctx context.Context, q InboxQuery) (*InboxCounts, error)
	// Assign sets a visible conversation's assignee and team, audited. A rep
	// may take a conversation or hand it back to the pool; a manager may
	// assign within their team; an admin anyone. ENOTFOUND, EFORBIDDEN, EINVALID.
	Assign(ctx context.Context, v Viewer, id int64, a Assignment) (*Conversation, error)
	// SetStatus sets a visible conversation's status; snoozed needs a
	// future until, and wakes up open when it passes. ENOTFOUND, EINVALID.
	SetStatus(ctx context.Context, v Viewer, id int64, status string, until *time.Time) (*Conversation, error)
	// SetLabels replaces a visible conversation's labels. ENOTFOUND, EINVALID.
	SetLabels(ctx context.Context, v Viewer, id int64, labels []string) (*Conversation, error)
	// Labels returns the labels in use on conversations v may see, sorted:
	// a label only on conversations v cannot open is not listed.
	Labels(ctx context.Context, v Viewer) ([]string, error)
	// AddNote stores a private note by v on a visible conversation. ENOTFOUND, EINVALID.
	AddNote(ctx context.Context, v Viewer, n *Note) error
	// Notes returns a visible conversation's notes, oldest first. ENOTFOUND.
	Notes(ctx context.Context, v Viewer, conversationID int64) ([]*Note, error)
	// CannedReplies returns the saved answers, by title.
	CannedReplies(ctx context.Context) ([]*CannedReply, error)
	// CreateCannedReply stores c. EINVALID.
	CreateCannedReply(ctx context.Context, c *CannedReply) error
	// DeleteCannedReply removes one. ENOTFOUND.
	DeleteCannedReply(ctx context.Context, id int64) error
	// InboxMessage returns a message, with its links and attachments, of a
	// conversation v may see. ENOTFOUND.
	InboxMessage(ctx context.Context, v Viewer, id int64) (*Message, error)
	// MessageAttachment returns an attachment of a message in a conversation
	// v may see. ENOTFOUND otherwise.
	MessageAttachment(ctx context.Context, v Viewer, id int64) (*Attachment, error)
}

// NormalizeLabels trims, drops empties and duplicates, keeping order. EINVALID.
func NormalizeLabels(in []string) ([]string, error) {
	p := Problems{}
	out := []string{}
	seen := map[string]bool{}
	for _, l := range in {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		p.MaxLen("labels", l, 50)
		out = append(out, l)
	}
	if len(out) > 20 {
		p.Add("labels", "at most 20")
	}
	return out, p.Err()
}
