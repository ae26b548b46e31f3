package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// The canned replies' page: an empty state that says what to do, the
// saved answers once added, delete offered to admins only; the composer
// carries them for "/".
func TestCannedRepliesPage(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	if page := p.mustPage("rep1", "/canned-replies?lang=zh-CN"); !strings.Contains(page, `id="canned-empty"`) ||
		!strings.Contains(page, "输入 / 即可插入") {
		t.Errorf("empty page:\n%s", page)
	}
	p.call("rep1", "POST", "/api/v1/canned-replies", crm.CannedReply{Title: "报价已发送", Text: "报价单已发送。"}, 201, nil)
	rep, admin := p.mustPage("rep1", "/canned-replies"), p.mustPage("admin", "/canned-replies")
	for who, page := range map[string]string{"rep1": rep, "admin": admin} {
		if !strings.Contains(page, "报价已发送") || strings.Contains(page, `id="canned-empty"`) {
			t.Errorf("%s: the saved reply is not listed", who)
		}
	}
	if strings.Contains(rep, `data-action="canned_delete"`) || !strings.Contains(admin, `data-action="canned_delete"`) {
		t.Error("delete must be offered to admins only")
	}
	conv := p.inbox(0).mail(t, "sun@kunde.example", "你好", "在吗", "").ConversationID
	page := p.mustPage("rep1", fmt.Sprintf("/inbox/%d", conv))
	if !strings.Contains(page, `id="canned-pop"`) || !strings.Contains(page, `data-text="报价单已发送。"`) {
		t.Error("the composer does not carry the canned replies for /")
	}
}
