package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const productCols = `p.id, p.sku, p.name, p.category, p.unit, p.list_price, p.cost, p.active, p.created_at, p.updated_at`

func scanProduct(r scanner) (*crm.Product, error) {
	p := &crm.Product{}
	err := r.Scan(&p.ID, &p.SKU, &p.Name, &p.Category, &p.Unit, &p.ListPrice, nmoney{&p.Cost}, &p.Active,
		tm{&p.CreatedAt}, tm{&p.UpdatedAt})
	return p, err
}

const skuTaken = "A product with this SKU exists already."

// CreateProduct stores p. EINVALID; ECONFLICT when the SKU is taken.
func (db *DB) CreateProduct(ctx context.Context, p *crm.Product) error {
	if err := p.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO products (sku, name, category, unit, list_price, cost, active,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			p.SKU, p.Name, p.Category, p.Unit, p.ListPrice, moneyArg(p.Cost), p.Active, now).Scan(&p.ID)
		if err != nil {
			return db.conflict(err, "create product", skuTaken)
		}
		p.CreatedAt, p.UpdatedAt = now, now
		return nil
	})
}

// UpdateProduct saves p. ENOTFOUND, EINVALID, ECONFLICT.
func (db *DB) UpdateProduct(ctx context.Context, p *crm.Product) error {
	if err := p.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `UPDATE products SET sku = $1, name = $2, category = $3, unit = $4,
			list_price = $5, cost = $6, active = $7, updated_at = $8 WHERE id = $9 RETURNING created_at`,
			p.SKU, p.Name, p.Category, p.Unit, p.ListPrice, moneyArg(p.Cost), p.Active, now, p.ID).Scan(tm{&p.CreatedAt})
		if err != nil {
			if db.dialect.IsUniqueViolation(err) {
				return db.conflict(err, "update product", skuTaken)
			}
			return db.notFound(err, "Product", "update product")
		}
		p.UpdatedAt = now
		return nil
	})
}

// Product returns one product. ENOTFOUND.
func (db *DB) Product(ctx context.Context, id int64) (*crm.Product, error) {
	return db.productBy(ctx, "p.id", id)
}

// ProductBySKU returns the product with this SKU. ENOTFOUND.
func (db *DB) ProductBySKU(ctx context.Context, sku string) (*crm.Product, error) {
	return db.productBy(ctx, "p.sku", sku)
}

func (db *DB) productBy(ctx context.Context, col string, key any) (p *crm.Product, err error) {
	err = db.view(ctx, func(q querier) error {
		p, err = scanProduct(q.QueryRowContext(ctx, `SELECT `+productCols+` FROM products p WHERE `+col+` = $1`, key))
		return db.notFound(err, "Product", "get product")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// ListProducts returns a page of products, newest first.
func (db *DB) ListProducts(ctx context.Context, f crm.ProductFilter) (l crm.List[*crm.Product], err error) {
	pg := f.Page.Clamp()
	w := productWhere(db, f)
	tail, err := w.sorted("products", "p", "products", pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanProduct, `SELECT `+productCols+` FROM products p`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(p *crm.Product) int64 { return p.ID })
		return db.wrap(err, "list products")
	})
	return l, err
}

// CountProducts counts what f selects, ignoring its page.
func (db *DB) CountProducts(ctx context.Context, f crm.ProductFilter) (int64, error) {
	return db.count(ctx, "products", "products p", productWhere(db, f))
}

func productWhere(db *DB, f crm.ProductFilter) *where {
	w := &where{}
	w.search(db.dialect.ILike(), f.Query, "p.sku", "p.name")
	w.equal("p.category", f.Category)
	if f.Active != nil {
		w.and("p.active = " + w.arg(*f.Active))
	}
	return w
}

// nmoney scans a nullable amount into a *crm.Money field.
type nmoney struct{ p **crm.Money }

func (s nmoney) Scan(v any) error {
	var id *int64
	if err := (nid{&id}).Scan(v); err != nil {
		return err
	}
	*s.p = nil
	if id != nil {
		m := crm.Money(*id)
		*s.p = &m
	}
	return nil
}

// moneyArg binds an optional amount.
func moneyArg(m *crm.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

var _ crm.ProductStore = (*DB)(nil)
