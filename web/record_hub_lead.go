package web

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// hubLead adds a lead page's source, its conversations and, once
// converted, the customer and contact it became.
func (s *Server) hubLead(ctx context.Context, v crm.Viewer, p *customer360) error {
	ts := s.store.(timelineStore)
	l, h := p.Lead, p.Hub
	h.Source = leadSource(p, l.Source)
	cs, err := ts.LeadConversations(ctx, v, l.ID, panelSize)
	if err != nil {
		return err
	}
	p.Conversations = cs
	done, err := ts.LeadConverted(ctx, l.ID)
	if err != nil {
		return err
	}
	if done.CustomerID == nil {
		h.CanConvert = l.Status != crm.LeadConverted && l.OwnerID != nil
		return nil
	}
	h.Converted = &convertedTo{CustomerID: *done.CustomerID}
	if cu, err := unlessHidden(s.store.Customer(ctx, v, *done.CustomerID)); err != nil || cu == nil {
		return err
	} else {
		h.Converted.CustomerName = cu.Name
	}
	if done.ContactID != nil {
		h.Converted.ContactID = *done.ContactID
		k, err := unlessHidden(s.store.Contact(ctx, v, *done.ContactID))
		if k != nil {
			h.Converted.ContactName = k.Name
		}
		return err
	}
	return nil
}

// leadSource lists where a lead came from, the parts it has. A WeChat
// QR code's scene arrives as the campaign ("qrscene_…").
func leadSource(p *customer360, src crm.LeadSource) []sourceRow {
	rows := []sourceRow{{p.T("source.channel"), p.T("channel." + src.Channel)}}
	add := func(key, v string) {
		if v != "" {
			rows = append(rows, sourceRow{p.T(key), v})
		}
	}
	add("source.form", src.Form)
	if scene, ok := strings.CutPrefix(src.Campaign, "qrscene_"); ok {
		add("source.qr_scene", scene)
	} else {
		add("source.campaign", src.Campaign)
	}
	add("source.utm_source", src.UTMSource)
	add("source.utm_medium", src.UTMMedium)
	add("source.utm_campaign", src.UTMCampaign)
	add("source.utm_term", src.UTMTerm)
	add("source.utm_content", src.UTMContent)
	add("source.page_url", src.PageURL)
	add("source.referrer", src.Referrer)
	return rows
}
