package bot

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A yes-no question that asks no kind of answer is not the question of an
// entry that asks a price and nothing else, whatever words they share; one
// that speaks of paying, or an entry that also asks yes or no, still is.
func TestYesNoIsNoPriceQuestion(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "课程价格是多少？", Alternatives: []string{"收费标准是怎样的"}, Answer: "外教1对1每节135元。", Enabled: true},
		{ID: 2, Question: "加床多少钱？可以加吗？", Answer: "可以，加床每晚150元。", Enabled: true},
	})
	for msg, want := range map[string]int64{
		"外教口音标准吗": 0, // a quality of the teacher, not the price
		"外教课贵吗":   1, // speaks of paying
		"能加床吗":    2, // the entry also asks yes or no
	} {
		got := int64(0)
		if f, _ := x.best(normalize(msg)); f.faq != nil {
			got = f.faq.ID
		}
		if got != want {
			t.Errorf("%s: best entry %d, want %d", msg, got, want)
		}
	}
}
