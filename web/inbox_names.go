package web

import (
	"context"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// nameLinks names who sent our messages and the records the timeline's messages are linked to
// ("联系人：王芳", not "联系人 #1"), as v may see them: a record hidden from
// v keeps its number.
func (s *Server) nameLinks(ctx context.Context, v crm.Viewer, items []timelineItem, lang string) error {
	c, err := s.newCells(ctx, v, lang)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Msg == nil {
			continue
		}
		if a := it.Msg.m.AuthorID; a != nil && it.Msg.Direction == crm.DirectionOut {
			// Sent by a colleague: their name, from the channel's address.
			it.Msg.FromName = c.user(strconv.FormatInt(*a, 10))
		}
		for i := range it.Msg.LinkViews {
			lv := &it.Msg.LinkViews[i]
			kind := lv.kind
			if kind == crm.RefContract {
				kind = crm.RefOrder
			}
			if n := c.named(kind, strconv.FormatInt(lv.id, 10)); n != "" {
				lv.Kind = translate(lang, "ref."+lv.kind) + colon(lang) + n
			}
		}
	}
	return nil
}

// colon is the label's colon in lang: full-width in Chinese.
func colon(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return "："
	}
	return ": "
}

// ruleName translates a matcher rule's name ("order_number" → "订单号");
// a rule the catalog does not know shows as stored.
func ruleName(lang, rule string) string { return translateOr(lang, "match."+rule, rule) }

// translateOr translates key, or gives fallback when the catalog has none.
func translateOr(lang, key, fallback string) string {
	if tr := translate(lang, key); tr != key {
		return tr
	}
	return fallback
}
