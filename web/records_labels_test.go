package web_test

import (
	"strings"
	"testing"
)

// TestJobTitleLabel: the title of a contact or lead is a job title, 职位 in
// Chinese, never the 标题 (heading) that tasks and orders use.
func TestJobTitleLabel(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	for _, kind := range []string{"contacts", "leads"} {
		zh := p.mustPage("rep1", "/"+kind+"/new?lang=zh-CN")
		contains(t, kind+" form in Chinese", zh, "职位")
		if strings.Contains(zh, "标题") {
			t.Errorf("the %s form still says 标题", kind)
		}
		contains(t, kind+" form in English", p.mustPage("rep1", "/"+kind+"/new?lang=en"), "Job title")
	}
}
