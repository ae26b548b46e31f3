package crm

import (
	"context"
	"io"
	"time"
)

// Attachment is a file kept in the blob store, named by its content's SHA-256.
type Attachment struct {
	ID          int64  `json:"id"`
	SHA256      string `json:"sha256"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	// ContentID is the Content-ID a mail part was sent with, without its
	// angle brackets: what the mail's HTML names it by (src="cid:…").
	ContentID string    `json:"content_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxContentID bounds a stored Content-ID; a longer one is no real
// reference (mail programs write well under 100 characters).
const MaxContentID = 250

// Blob is what a BlobStore knows of stored content.
type Blob struct {
	SHA256 string
	Size   int64
}

// BlobStore keeps file contents, addressed by their SHA-256. Writing the same
// content twice stores it once.
type BlobStore interface {
	// Put streams r into the store. ETOOLARGE past the store's limit.
	Put(ctx context.Context, r io.Reader) (Blob, error)
	// Open returns the content with this hash. ENOTFOUND.
	Open(ctx context.Context, sha256 string) (io.ReadCloser, error)
}

// AttachmentStore keeps attachment metadata and ties it to records.
type AttachmentStore interface {
	// CreateAttachment stores a's metadata (its blob must exist) and sets ID.
	CreateAttachment(ctx context.Context, a *Attachment) error
	// Attachment returns one attachment's metadata. ENOTFOUND.
	Attachment(ctx context.Context, id int64) (*Attachment, error)
	// AttachTo ties an attachment to a record (an order, a message…).
	// ENOTFOUND for a missing attachment.
	AttachTo(ctx context.Context, attachmentID int64, r Ref) error
	// AttachmentsOf returns the attachments of a record, in order attached.
	AttachmentsOf(ctx context.Context, r Ref) ([]*Attachment, error)
}
