package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const customerCols = `c.id, c.name, c.short_name, c.kind, c.industry, c.level, c.region, c.source, c.status,
	c.owner_id, c.tags, c.address, c.website, c.domain, c.notes, c.created_at, c.updated_at, c.domains, c.phone,
	c.claimed_at, ` + customerPoolCols

func scanCustomer(r scanner) (*crm.Customer, error) {
	c := &crm.Customer{}
	dst := []any{&c.ID, &c.Name, &c.ShortName, &c.Kind, &c.Industry, &c.Level, &c.Region, &c.Source,
		&c.Status, nid{&c.OwnerID}, jsonCol{&c.Tags}, &c.Address, &c.Website, &c.Domain, &c.Notes,
		tm{&c.CreatedAt}, tm{&c.UpdatedAt}, jsonCol{&c.Domains}, &c.Phone, ntm{&c.ClaimedAt}}
	err := r.Scan(append(dst, poolScan(&c.PoolState)...)...)
	return c, err
}

// CreateCustomer stores c and sets ID and times. EINVALID.
func (db *DB) CreateCustomer(ctx context.Context, c *crm.Customer) error {
	if err := db.normalizeCustomer(c); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"owner_id", "users", c.OwnerID}); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO customers (name, short_name, kind, industry, level, region,
			source, status, owner_id, tags, address, website, domain, notes, created_at, updated_at, name_key,
			domains, phone)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18) RETURNING id`,
			c.Name, c.ShortName, c.Kind, c.Industry, c.Level, c.Region, c.Source, c.Status, idArg(c.OwnerID),
			jsonArg(c.Tags), c.Address, c.Website, c.Domain, c.Notes, now, crm.CompanyKey(c.Name),
			jsonArg(c.Domains), c.Phone).Scan(&c.ID)
		if err != nil {
			return db.wrap(err, "create customer")
		}
		c.CreatedAt, c.UpdatedAt = now, now
		if err := db.setCustomerIndexes(ctx, tx, c, true); err != nil {
			return err
		}
		return db.afterOwnerSet(ctx, tx, crm.Ref{Kind: crm.RefCustomer, ID: c.ID}, nil, c.OwnerID, true, &c.ClaimedAt, &c.PoolState, now)
	})
}

// UpdateCustomer saves every field of a customer v may see.
func (db *DB) UpdateCustomer(ctx context.Context, v crm.Viewer, c *crm.Customer) error {
	if err := db.normalizeCustomer(c); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.customer(ctx, tx, v, c.ID)
		if err != nil {
			return err
		}
		if err := db.checkExist(ctx, tx, exists{"owner_id", "users", c.OwnerID}); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE customers SET name = $1, short_name = $2, kind = $3, industry = $4,
			level = $5, region = $6, source = $7, status = $8, owner_id = $9, tags = $10, address = $11,
			website = $12, domain = $13, notes = $14, updated_at = $15, name_key = $17, domains = $18,
			phone = $19 WHERE id = $16`,
			c.Name, c.ShortName, c.Kind, c.Industry, c.Level, c.Region, c.Source, c.Status, idArg(c.OwnerID),
			jsonArg(c.Tags), c.Address, c.Website, c.Domain, c.Notes, now, c.ID, crm.CompanyKey(c.Name),
			jsonArg(c.Domains), c.Phone)
		if err != nil {
			return db.wrap(err, "update customer")
		}
		c.CreatedAt, c.UpdatedAt = old.CreatedAt, now
		if err := db.setCustomerIndexes(ctx, tx, c, false); err != nil {
			return err
		}
		return db.afterOwnerSet(ctx, tx, crm.Ref{Kind: crm.RefCustomer, ID: c.ID}, old.OwnerID, c.OwnerID, false, &c.ClaimedAt, &c.PoolState, now)
	})
}

// setTags points a customer at the labels its tags name, by id, creating
// the labels that are new (isNew: the customer has none to clear yet).
func (db *DB) setTags(ctx context.Context, tx *sql.Tx, id int64, tags []string, isNew bool) error {
	return db.setLabelLinks(ctx, tx, customerLinks, id, tags, isNew)
}

// Customer returns one customer v may see. ENOTFOUND.
func (db *DB) Customer(ctx context.Context, v crm.Viewer, id int64) (c *crm.Customer, err error) {
	err = db.query(ctx, func(q querier) error {
		c, err = db.customer(ctx, q, v, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (db *DB) customer(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.Customer, error) {
	w := &where{}
	w.and("c.id = " + w.arg(id))
	w.visible(v, "c.owner_id")
	c, err := scanCustomer(q.QueryRowContext(ctx, `SELECT `+customerCols+` FROM customers c`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Customer", "get customer")
	}
	return c, nil
}

// ListCustomers returns a page of customers, newest first or sorted.
func (db *DB) ListCustomers(ctx context.Context, f crm.CustomerFilter) (l crm.List[*crm.Customer], err error) {
	pg := f.Page.Clamp()
	w := customerWhere(db, f)
	tail, err := w.poolSorted(f.Viewer, "c", "customers", f.PoolFilter, pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanCustomer, `SELECT `+customerCols+` FROM customers c`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(c *crm.Customer) int64 { return c.ID })
		return db.wrap(err, "list customers")
	})
	return l, err
}

// CountCustomers counts what f selects, ignoring its page.
func (db *DB) CountCustomers(ctx context.Context, f crm.CustomerFilter) (int64, error) {
	w := customerWhere(db, f)
	poolList(w, f.Viewer, "c", "customers", f.PoolFilter, crm.Page{Limit: 1})
	return db.count(ctx, "customers", "customers c", w)
}

// customerWhere is what a customer list selects, before its page.
func customerWhere(db *DB, f crm.CustomerFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "c.owner_id")
	w.search(db.dialect.ILike(), f.Query, "c.name", "c.short_name", "c.address")
	w.equal("c.status", f.Status)
	w.equal("c.kind", f.Kind)
	w.equal("c.level", f.Level)
	if f.Tag != "" {
		w.and(customerLinks.has("c", w.arg(f.Tag)))
	}
	w.equalID("c.owner_id", f.OwnerID)
	if f.InPool {
		w.and("c.owner_id IS NULL")
	}
	w.inTeam("c.owner_id", f.TeamID)
	w.within("c.created_at", f.CreatedFrom, f.CreatedTo)
	return w
}
