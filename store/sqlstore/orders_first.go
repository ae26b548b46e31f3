package sqlstore

import "github.com/rapport-crm/rapport/crm"

// firstSale is the SQL of the id of a customer's first sale ever: active
// or completed, the earliest sales day, then the lowest id. The funnel's
// first orders and the order list behind them both use it.
func firstSale(customerCol string) string {
	return `(SELECT fo.id FROM orders fo WHERE fo.customer_id = ` + customerCol +
		` AND fo.status IN ('active', 'completed') ORDER BY fo.sales_date, fo.id LIMIT 1)`
}

// convertedLeads is the FROM and WHERE over leads l and their conversions
// lc of the leads v may see that lo names, its arguments added to w.
func (db *DB) convertedLeads(w *where, v crm.Viewer, lo *crm.LeadOrigin) string {
	sub := &where{args: w.args}
	sub.visible(v, "l.owner_id")
	sub.equal("l.channel", lo.Channel)
	db.leadFunnel(sub, crm.LeadFilter{CreatedFrom: lo.From, CreatedTo: lo.To, Form: lo.Form,
		UTMCampaign: lo.UTMCampaign, QRScene: lo.QRScene})
	w.args = sub.args
	return " FROM leads l JOIN lead_conversions lc ON lc.lead_id = l.id" + sub.String()
}

// firstSales narrows an order list o to the first sales of the customers
// converted from the leads lo names, as the funnel counts them: each
// order once, however many such leads led to its customer.
func (db *DB) firstSales(w *where, v crm.Viewer, lo *crm.LeadOrigin) {
	w.and("o.id IN (SELECT " + firstSale("lc.customer_id") + db.convertedLeads(w, v, lo) + ")")
}
