package importer

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// productRow makes or matches a product by its SKU.
func (e *engine) productRow(ctx context.Context, r row, key string) ([]crm.ImportRow, error) {
	var p rowProblems
	pr := productOf(r, &p)
	if len(p) > 0 {
		return e.failed(r, key, p), nil
	}
	keys := []dupKey{{"product:sku:" + pr.SKU, "SKU " + pr.SKU}}
	ms, err := e.find(ctx, keys, func(ctx context.Context, _ dupKey) ([]match, error) {
		old, err := e.st.ProductBySKU(ctx, pr.SKU)
		if crm.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []match{{id: old.ID, label: old.Name, rule: keys[0].rule}}, nil
	})
	if err != nil {
		return nil, err
	}
	if e.job.Options.Mode == crm.DupCreate && len(ms) > 0 {
		return []crm.ImportRow{e.result(r, key, crm.RefProduct, crm.RowFailed, nil,
			"SKU "+pr.SKU+" is taken by "+ms[0].String()+": a SKU names one product")}, nil
	}
	x, id, err := e.apply(ctx, r, key, ms, ops{kind: crm.RefProduct,
		create: func(ctx context.Context) (int64, *time.Time, error) {
			err := e.st.CreateProduct(ctx, pr)
			return pr.ID, &pr.UpdatedAt, err
		},
		load: func(ctx context.Context, _ int64) (any, error) { return e.st.ProductBySKU(ctx, pr.SKU) },
		update: func(ctx context.Context, old any) (time.Time, error) {
			o := old.(*crm.Product)
			set(&o.Name, pr.Name)
			set(&o.Category, pr.Category)
			set(&o.Unit, pr.Unit)
			if r.vals["list_price"] != "" {
				o.ListPrice = pr.ListPrice
			}
			if pr.Cost != nil {
				o.Cost = pr.Cost
			}
			if r.vals["active"] != "" {
				o.Active = pr.Active
			}
			err := e.st.UpdateProduct(ctx, o)
			return o.UpdatedAt, err
		}})
	e.remember(keys, x, id, pr.Name)
	return []crm.ImportRow{x}, err
}

// orderRow starts an order, or adds a line to the order an earlier row of
// this pass started with the same number; with a paid amount it records
// the payment. An order that existed before the import is left as it is:
// order numbers are unique, and past sales are not rewritten.
func (e *engine) orderRow(ctx context.Context, r row, key string) ([]crm.ImportRow, error) {
	var p rowProblems
	o := orderOf(r, &p)
	line := orderLine(r, &p)
	if line != nil {
		e.resolveProduct(ctx, r, line, &p)
	}
	pm := paymentOf(r, o.OrderDate, e.now(), &p)
	o.OwnerID = e.owner(r, &p)
	if len(p) > 0 {
		return e.failed(r, key, p), nil
	}
	numKey := "order:number:" + o.Number
	if m, ok := e.seen[numKey]; ok {
		return e.addLine(ctx, r, key, m, line, pm)
	}
	old, err := e.lookup(ctx, dupKey{key: numKey}, func(ctx context.Context, _ dupKey) ([]match, error) {
		o, err := e.st.OrderByNumber(ctx, crm.System, o.Number)
		if crm.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []match{{id: o.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	if len(old) > 0 {
		return []crm.ImportRow{e.result(r, key, crm.RefOrder, crm.RowSkipped, &old[0].id,
			"order "+o.Number+" exists already (#"+itoa(int(old[0].id))+")")}, nil
	}
	if err := e.resolveParties(ctx, r, o, &p); err != nil || len(p) > 0 {
		return e.failed(r, key, p), err
	}
	if line != nil {
		o.Items = []crm.LineItem{*line}
	} else if amount, ok := money(&p, "amount", r.vals["amount"]); ok {
		o.Amount = amount
	}
	if err := o.Normalize(); err != nil {
		p.addErr("", err)
		return e.failed(r, key, p), nil
	}
	x, id, err := e.apply(ctx, r, key, nil, ops{kind: crm.RefOrder,
		create: func(ctx context.Context) (int64, *time.Time, error) {
			err := e.st.CreateOrder(ctx, o)
			return o.ID, &o.UpdatedAt, err
		}})
	if err != nil || x.Action == crm.RowFailed {
		return []crm.ImportRow{x}, err
	}
	e.remember([]dupKey{{numKey, "order number " + o.Number}}, x, id, o.Number)
	return e.withPayment(ctx, r, key, x, id, pm)
}

// resolveProduct names the line's catalogue product by its SKU; a line
// with only a product name stays free text.
func (e *engine) resolveProduct(ctx context.Context, r row, it *crm.LineItem, p *rowProblems) {
	sku := r.vals["sku"]
	if sku == "" {
		return
	}
	ms, err := e.lookup(ctx, dupKey{key: "product:sku:" + sku}, func(ctx context.Context, _ dupKey) ([]match, error) {
		pr, err := e.st.ProductBySKU(ctx, sku)
		if err != nil {
			return nil, nil // not found, or unreadable: the row says so
		}
		return []match{{id: pr.ID, label: pr.Name}}, nil
	})
	if err != nil || len(ms) == 0 {
		p.add("sku", "no product with SKU "+sku+" (import the products first)")
		return
	}
	it.ProductID = &ms[0].id
	if it.Product == "" {
		it.Product = ms[0].label
	}
}

// resolveParties finds the order's customer and dealer by name.
func (e *engine) resolveParties(ctx context.Context, r row, o *crm.Order, p *rowProblems) error {
	for _, f := range []string{"customer", "dealer"} {
		name := r.vals[f]
		if name == "" {
			if f == "customer" {
				p.add(f, "is required")
			}
			continue
		}
		ms, err := e.find(ctx, companyKeys(name), e.customersNamed)
		switch {
		case err != nil:
			return err
		case len(ms) == 0:
			p.add(f, "no customer named "+name+" (import the customers first)")
		case len(ms) > 1:
			p.add(f, name+" matches "+itoa(len(ms))+" customers ("+ms[0].String()+", "+ms[1].String()+"…)")
		case f == "customer":
			o.CustomerID = ms[0].id
		default:
			o.DealerID = idOf(ms[0])
		}
	}
	return nil
}

// addLine adds a row's line (and payment) to the order an earlier row made.
func (e *engine) addLine(ctx context.Context, r row, key string, m match, it *crm.LineItem, pm *crm.Payment) ([]crm.ImportRow, error) {
	if e.dry || m.id == 0 {
		x := e.result(r, key, crm.RefOrder, crm.RowUpdated, idOf(m), "a line of the order of row "+itoa(m.row))
		return e.withPayment(ctx, r, key, x, 0, pm)
	}
	o, err := e.st.Order(ctx, crm.System, m.id)
	if err != nil {
		return nil, err
	}
	if it != nil {
		o.Items = append(o.Items, *it)
		if err := e.st.UpdateOrder(ctx, crm.System, o); err != nil {
			x, _, err := e.storeFailure(r, key, crm.RefOrder, err)
			return []crm.ImportRow{x}, err
		}
	}
	x := e.result(r, key, crm.RefOrder, crm.RowUpdated, &o.ID, "a line of the order of row "+itoa(m.row))
	x.Stamp = &o.UpdatedAt
	return e.withPayment(ctx, r, key, x, o.ID, pm)
}

// withPayment records the row's payment on order id (0 in a dry run) and
// stamps the order as it is after.
func (e *engine) withPayment(ctx context.Context, r row, key string, x crm.ImportRow, id int64, pm *crm.Payment) ([]crm.ImportRow, error) {
	out := []crm.ImportRow{x}
	if pm == nil {
		return out, nil
	}
	if e.dry {
		return append(out, e.result(r, key, crm.RefPayment, crm.RowCreated, nil, "")), nil
	}
	pm.OrderID = id
	if err := e.st.RecordPayment(ctx, crm.System, pm); err != nil {
		y, _, err := e.storeFailure(r, key, crm.RefPayment, err)
		return append(out, y), err
	}
	o, err := e.st.Order(ctx, crm.System, id)
	if err != nil {
		return nil, err
	}
	out[0].Stamp = &o.UpdatedAt
	return append(out, e.result(r, key, crm.RefPayment, crm.RowCreated, &pm.ID, "")), nil
}
