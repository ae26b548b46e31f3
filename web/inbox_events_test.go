package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// The thread shows its handling between the messages, in time order and in
// the page's language: an assignment by a manager, a resolve, the
// customer's reopening, a rep taking it back.
func TestThreadEvents(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	in := p.inbox(0)
	conv := in.mail(t, "li@kunde.example", "报价", "第一封信", "").ConversationID
	step := func() { p.clock.Add(time.Minute) }
	step()
	p.call("manager", "PUT", convPath(conv, "/assignment"), crm.Assignment{AssigneeID: ptr(p.id("rep1")), TeamID: &p.teamA}, 200, nil)
	step()
	p.call("rep1", "PUT", convPath(conv, "/status"), map[string]string{"status": "resolved"}, 200, nil)
	step()
	in.mail(t, "li@kunde.example", "Re: 报价", "第二封信", messageID(1))
	step()
	p.call("rep1", "PUT", convPath(conv, "/assignment"), crm.Assignment{AssigneeID: ptr(p.id("rep1")), TeamID: &p.teamA}, 200, nil)
	step()
	p.call("rep1", "PUT", convPath(conv, "/status"), map[string]string{"status": "open"}, 200, nil)

	for lang, want := range map[string][]string{
		"en": {"第一封信", "Assigned to Rep1 by Manager", "Resolved by Rep1",
			"Reopened: the customer wrote again", "第二封信", "Taken by Rep1", "Reopened by Rep1"},
		"zh-CN": {"第一封信", "Manager 将会话分配给 Rep1", "Rep1 标记为已解决",
			"客户再次来信，会话已重新打开", "第二封信", "Rep1 接手了会话", "Rep1 重新打开了会话"},
	} {
		page := p.mustPage("rep1", fmt.Sprintf("/inbox/%d?lang=%s", conv, lang))
		inOrder(t, lang, page, want)
		if lang == "en" { // the fragment's language is the user's (no switch here)
			inOrder(t, "the live refresh's fragment", p.mustPage("rep1", fmt.Sprintf("/inbox/%d/messages", conv)), want)
		}
	}
}

// inOrder checks that each of want appears in page, after the one before.
func inOrder(t *testing.T, what, page string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(page[at:], w)
		if i < 0 {
			t.Fatalf("%s: %q missing or out of order (after byte %d)", what, w, at)
		}
		at += i + len(w)
	}
}
