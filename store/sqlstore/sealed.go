package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rapport-crm/rapport/internal/sealed"
)

// UseSealer makes the store seal the secrets it writes (mailbox passwords
// and tokens, WeChat AppSecret, Token and EncodingAESKey, webhook secrets,
// the generative endpoint's key) and open the sealed ones it reads.
// Without it secrets are written clear, and reading a sealed one fails:
// the key is missing.
func (db *DB) UseSealer(b *sealed.Box) { db.box = b }

func (db *DB) seal(s string) string {
	if db.box == nil {
		return s
	}
	return db.box.Seal(s)
}

// errNoKey is reading a sealed secret without a key.
var errNoKey = errors.New("this database's secrets are encrypted: set RAPPORT_SECRET_KEY (or _FILE) to the key they were sealed with")

func (db *DB) open(s string) (string, error) {
	switch {
	case !sealed.IsSealed(s):
		return s, nil // written before a key was set: SealSecrets seals it
	case db.box == nil:
		return "", errNoKey
	}
	return db.box.Open(s)
}

// sealedCol scans a secret column, opening it when sealed.
type sealedCol struct {
	db *DB
	p  *string
}

func (c sealedCol) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case []byte:
		s = string(x)
	case nil:
	default:
		return fmt.Errorf("sqlstore: cannot read %T as a secret", v)
	}
	plain, err := c.db.open(s)
	*c.p = plain
	return err
}

// secretColumns are every column that holds a secret: table, key, column.
var secretColumns = [][3]string{
	{"mailboxes", "id", "secrets"},
	{"wechat_accounts", "app_id", "app_secret"},
	{"wechat_accounts", "app_id", "token"},
	{"wechat_accounts", "app_id", "encoding_aes_key"},
	{"webhooks", "id", "secret"},
	{"bot_generative", "id", "api_key"},
}

// CheckSecrets opens one sealed secret of each column, if any: a wrong or
// missing key stops start-up here rather than failing later, one secret at
// a time, in the pollers and senders.
func (db *DB) CheckSecrets(ctx context.Context) error { return db.checkSecrets(ctx, db.read) }

// checkSecrets is CheckSecrets on q (an import's transaction, say).
func (db *DB) checkSecrets(ctx context.Context, q querier) error {
	for _, c := range secretColumns {
		var s string
		err := q.QueryRowContext(ctx, `SELECT `+c[2]+` FROM `+c[0]+` WHERE `+c[2]+` LIKE 'sealed:v1:%' LIMIT 1`).Scan(&s)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return db.wrap(err, "check secrets")
		}
		if _, err := db.open(s); errors.Is(err, sealed.ErrWrongKey) {
			return fmt.Errorf("RAPPORT_SECRET_KEY is not the key this database's secrets were sealed with (%s.%s)", c[0], c[2])
		} else if err != nil {
			return err
		}
	}
	return nil
}

// SealSecrets seals the secrets still written clear (from before a key was
// set) and says how many; it does nothing without a key.
func (db *DB) SealSecrets(ctx context.Context) (n int, err error) {
	if db.box == nil {
		return 0, nil
	}
	for _, c := range secretColumns {
		err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			rows, err := queryAll(ctx, tx, func(r scanner) (kv [2]string, err error) {
				return kv, r.Scan(&kv[0], &kv[1])
			}, `SELECT CAST(`+c[1]+` AS TEXT), `+c[2]+` FROM `+c[0]+` WHERE `+c[2]+` <> '' AND `+c[2]+` NOT LIKE 'sealed:v1:%'`)
			if err != nil {
				return db.wrap(err, "read clear secrets")
			}
			for _, kv := range rows {
				if _, err := tx.ExecContext(ctx, `UPDATE `+c[0]+` SET `+c[2]+` = $1 WHERE CAST(`+c[1]+` AS TEXT) = $2`,
					db.box.Seal(kv[1]), kv[0]); err != nil {
					return db.wrap(err, "seal secrets")
				}
				n++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	if n > 0 {
		return n, db.forgetOldPages(ctx)
	}
	return n, nil
}

// forgetOldPages makes SQLite drop the pages that held values since
// overwritten: they linger in the WAL and the free list, so the WAL is
// folded in and the file rewritten, and a copy holds none of them.
func (db *DB) forgetOldPages(ctx context.Context) error {
	if db.dialect.Name() != "sqlite" {
		return nil
	}
	for _, q := range []string{`PRAGMA wal_checkpoint(TRUNCATE)`, `VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			return db.wrap(err, "vacuum after sealing")
		}
	}
	return nil
}

// ResealSecrets seals every secret again under next, all in one
// transaction (a failure changes nothing), and from then on uses next. The
// store must have the current key (UseSealer, CheckSecrets).
func (db *DB) ResealSecrets(ctx context.Context, next *sealed.Box) (n int, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		n = 0
		for _, c := range secretColumns {
			rows, err := queryAll(ctx, tx, func(r scanner) (kv [2]string, err error) {
				return kv, r.Scan(&kv[0], sealedCol{db, &kv[1]})
			}, `SELECT CAST(`+c[1]+` AS TEXT), `+c[2]+` FROM `+c[0]+` WHERE `+c[2]+` <> ''`)
			if err != nil {
				return db.wrap(err, "read secrets")
			}
			for _, kv := range rows {
				if _, err := tx.ExecContext(ctx, `UPDATE `+c[0]+` SET `+c[2]+` = $1 WHERE CAST(`+c[1]+` AS TEXT) = $2`,
					next.Seal(kv[1]), kv[0]); err != nil {
					return db.wrap(err, "reseal secrets")
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	db.box = next
	return n, db.forgetOldPages(ctx)
}
