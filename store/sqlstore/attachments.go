package sqlstore

import (
	"context"
	"database/sql"
	"regexp"

	"github.com/rapport-crm/rapport/crm"
)

const attachmentCols = `a.id, a.sha256, a.name, a.content_type, a.size, a.content_id, a.created_at`

func scanAttachment(r scanner) (*crm.Attachment, error) {
	a := &crm.Attachment{}
	return a, r.Scan(attachmentDest(a)...)
}

// attachmentDest are the scan targets of attachmentCols.
func attachmentDest(a *crm.Attachment) []any {
	return []any{&a.ID, &a.SHA256, &a.Name, &a.ContentType, &a.Size, &a.ContentID, tm{&a.CreatedAt}}
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// CreateAttachment stores a's metadata and sets ID and CreatedAt. The blob
// itself lives in the BlobStore, which the caller wrote first.
func (db *DB) CreateAttachment(ctx context.Context, a *crm.Attachment) error {
	p := crm.Problems{}
	if !sha256Hex.MatchString(a.SHA256) {
		p.Add("sha256", "must be 64 lower-case hex digits")
	}
	p.Require("name", a.Name)
	p.MaxLen("name", a.Name, 500)
	p.MaxLen("content_type", a.ContentType, 200)
	p.MaxLen("content_id", a.ContentID, crm.MaxContentID)
	if a.Size < 0 {
		p.Add("size", "must not be negative")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO attachments (sha256, name, content_type, size, content_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.SHA256, a.Name, a.ContentType, a.Size, a.ContentID, now).Scan(&a.ID)
		a.CreatedAt = now
		return db.wrap(err, "create attachment")
	})
}

// Attachment returns one attachment's metadata. ENOTFOUND.
func (db *DB) Attachment(ctx context.Context, id int64) (a *crm.Attachment, err error) {
	err = db.query(ctx, func(q querier) error {
		a, err = scanAttachment(q.QueryRowContext(ctx, `SELECT `+attachmentCols+` FROM attachments a WHERE a.id = $1`, id))
		return db.notFound(err, "Attachment", "get attachment")
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// AttachTo ties an attachment to a record; tying it twice is not an error.
// ENOTFOUND for a missing attachment, EINVALID for a missing record.
func (db *DB) AttachTo(ctx context.Context, attachmentID int64, r crm.Ref) error {
	p := crm.Problems{}
	validRef(p, r)
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		ok, err := db.rowExists(ctx, tx, "attachments", attachmentID)
		if err != nil {
			return err
		}
		if !ok {
			return crm.Errorf(crm.ENOTFOUND, "Attachment not found.")
		}
		if err := db.checkExist(ctx, tx, refChecks("ref", []crm.Ref{r})...); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO attachment_refs (attachment_id, kind, ref_id)
			VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, attachmentID, r.Kind, r.ID)
		return db.wrap(err, "attach")
	})
}

// AttachmentsOf returns the attachments of a record, in order attached.
func (db *DB) AttachmentsOf(ctx context.Context, r crm.Ref) (as []*crm.Attachment, err error) {
	err = db.query(ctx, func(q querier) error {
		as, err = db.attachmentsOf(ctx, q, r)
		return err
	})
	return as, err
}

func (db *DB) attachmentsOf(ctx context.Context, q querier, r crm.Ref) ([]*crm.Attachment, error) {
	as, err := queryAll(ctx, q, scanAttachment, `SELECT `+attachmentCols+` FROM attachment_refs x
		JOIN attachments a ON a.id = x.attachment_id WHERE x.kind = $1 AND x.ref_id = $2 ORDER BY x.id`, r.Kind, r.ID)
	return as, db.wrap(err, "attachments of")
}
