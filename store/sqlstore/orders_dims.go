package sqlstore

import "github.com/rapport-crm/rapport/crm"

// orderDims narrows an order list o to the sales report's product,
// category, region and level, as the report groups them: an order with a
// line of the product or category (so the list behind a product's figure
// is that product's orders), a customer of the region or level.
func (w *where) orderDims(f crm.OrderFilter) {
	if f.ProductID != nil {
		w.and("EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.product_id = " + w.arg(*f.ProductID) + ")")
	}
	if f.Category != "" {
		w.and("EXISTS (SELECT 1 FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = o.id" +
			" AND p.category = " + w.arg(f.Category) + ")")
	}
	if f.Region != "" {
		w.and("o.customer_id IN (SELECT id FROM customers WHERE region = " + w.arg(f.Region) + ")")
	}
	if f.Level != "" {
		w.and("o.customer_id IN (SELECT id FROM customers WHERE level = " + w.arg(f.Level) + ")")
	}
}
