package sqlstore

import "github.com/rapport-crm/rapport/crm"

// leadFunnel narrows a lead list l as the funnel report counts: created in
// a range, by a source field (the report's sourceField), converted.
func (db *DB) leadFunnel(w *where, f crm.LeadFilter) {
	if f.CreatedFrom != nil {
		w.and("l.created_at >= " + w.arg(*f.CreatedFrom))
	}
	if f.CreatedTo != nil {
		w.and("l.created_at < " + w.arg(*f.CreatedTo))
	}
	for _, fv := range [][2]string{{"form", f.Form}, {"utm_campaign", f.UTMCampaign}} {
		if fv[1] != "" {
			w.and(db.sourceField(fv[0]) + " = " + w.arg(fv[1]))
		}
	}
	if f.QRScene != "" {
		w.and("l.channel = 'wechat' AND " + db.sourceField("campaign") + " = " + w.arg(f.QRScene))
	}
	if f.Converted {
		w.and("EXISTS (SELECT 1 FROM lead_conversions lc WHERE lc.lead_id = l.id)")
	}
}
