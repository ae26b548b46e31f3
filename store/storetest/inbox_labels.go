package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testLabelsVisible: the labels listed are those on conversations the viewer
// may see; a label only on another team's conversation is nobody else's
// business. Rep A1 has a conversation labelled 退款 (by the caller).
func testLabelsVisible(t *testing.T, h *inboxWorld) {
	theirs := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repB, "team B's")
	_, err := h.ib.SetLabels(ctx, viewer(h.repB), theirs.ID, []string{"B 的大客户", "VIP"})
	must(t, err)
	pool := h.conv(t, crm.ChannelEmail, crm.ConvOpen, nil, "unassigned")
	_, err = h.ib.SetLabels(ctx, viewer(h.repB), pool.ID, []string{"待分配"})
	must(t, err)
	tests := []struct {
		name string
		v    crm.Viewer
		want []string
	}{
		{"rep A1", viewer(h.repA1), []string{"VIP", "待分配", "退款"}},
		{"manager A", viewer(h.mgrA), []string{"VIP", "待分配", "退款"}},
		{"rep B", viewer(h.repB), []string{"B 的大客户", "VIP", "待分配"}},
		{"admin", crm.System, []string{"B 的大客户", "VIP", "待分配", "退款"}},
	}
	for _, tt := range tests {
		got, err := h.ib.Labels(ctx, tt.v)
		must(t, err)
		same(t, "labels "+tt.name+" sees", got, tt.want)
	}
	for _, id := range []int64{theirs.ID, pool.ID} {
		_, err := h.ib.SetLabels(ctx, crm.System, id, nil)
		must(t, err)
	}
}
