package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// conflict turns a unique violation into ECONFLICT with msg, and wraps any
// other error as internal with op for the log.
func (db *DB) conflict(err error, op, msg string) error {
	if err == nil {
		return nil
	}
	if db.dialect.IsUniqueViolation(err) {
		return crm.Errorf(crm.ECONFLICT, "%s", msg)
	}
	return db.wrap(err, op)
}

// wrap keeps *crm.Error as it is, turns a foreign key violation into
// EINVALID, and marks anything else internal, naming op.
func (db *DB) wrap(err error, op string) error {
	var ce *crm.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case db.dialect.IsForeignKeyViolation(err):
		return crm.Errorf(crm.EINVALID, "A referenced record does not exist.")
	}
	return fmt.Errorf("sqlstore: %s: %w", op, err)
}

// notFound turns sql.ErrNoRows into ENOTFOUND naming what was missing.
func (db *DB) notFound(err error, what, op string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return crm.Errorf(crm.ENOTFOUND, "%s not found.", what)
	}
	return db.wrap(err, op)
}
