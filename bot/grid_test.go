package bot

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// evalSet is one company's FAQ and messages; half picks the lines used
// (0 even, 1 odd, -1 all).
type evalSet struct {
	faq, messages string
	half          int
}

var tuningSets = []evalSet{
	{"testdata/eval_faq.csv", "testdata/eval_messages.tsv", 0},
	{"testdata/eval2_faq.csv", "testdata/eval2_messages.tsv", 0},
	{"testdata/eval3_faq.csv", "testdata/eval3_messages.tsv", 0},
	{"testdata/eval4_faq.csv", "testdata/eval4_messages.tsv", 0},
}

// TestFAQGrid searches the matcher's knobs on the tuning lines only
// (FAQ_GRID=1 go test -run TestFAQGrid -v ./bot): the settings with no
// wrong answer there and the most right ones. FAQ_GRID=misses prints the
// tuning lines missed or wrong at the current settings; FAQ_GRID=common
// searches commonFactor alone.
func TestFAQGrid(t *testing.T) {
	mode := os.Getenv("FAQ_GRID")
	if mode == "" {
		t.Skip("FAQ_GRID not set")
	}
	if mode == "misses" {
		right, wrong, bad := runSets(t, tuningSets, defaultThreshold, defaultMargin, true)
		t.Logf("right %d wrong %d bad %d", right, wrong, bad)
		return
	}
	if mode == "alone" {
		defer func(p, f float64) { alonePrecision, aloneFactor = p, f }(alonePrecision, aloneFactor)
		for _, ap := range []float64{0.8, 0.9, 0.95, 1} {
			for _, af := range []float64{0.6, 0.7, 0.8, 0.9} {
				alonePrecision, aloneFactor = ap, af
				right, wrong, bad := runSets(t, tuningSets, defaultThreshold, defaultMargin, false)
				fmt.Printf("alone precision %.2f factor %.2f: right %d wrong %d bad %d\n", ap, af, right, wrong, bad)
			}
		}
		return
	}
	if mode == "common" {
		// The common words' weight, at the other settings as they are.
		defer func(v float64) { commonFactor = v }(commonFactor)
		for _, cf := range []float64{0, 0.1, 0.25, 0.4, 0.6, 1} {
			commonFactor = cf
			right, wrong, bad := runSets(t, tuningSets, defaultThreshold, defaultMargin, false)
			fmt.Printf("common %.2f: right %d wrong %d bad %d\n", cf, right, wrong, bad)
		}
		return
	}
	saved := [4]float64{unknownFactor, answerWeight, answerBeta, minPrecision}
	defer func() { unknownFactor, answerWeight, answerBeta, minPrecision = saved[0], saved[1], saved[2], saved[3] }()
	defer func(v float64) { unknownChar = v }(unknownChar)
	for _, uc := range []float64{0.25, 0.5, 1} {
		for _, uf := range []float64{0.45, 0.6, 0.8} {
			for _, aw := range []float64{0.8, 1} {
				for _, mp := range []float64{0.3, 0.35, 0.4, 0.45, 0.5} {
					for _, th := range []float64{0.25, 0.3, 0.35, 0.4} {
						for _, mg := range []float64{0.05, 0.1, 0.15} {
							unknownFactor, answerWeight, minPrecision, unknownChar = uf, aw, mp, uc
							right, wrong, bad := runSets(t, tuningSets, th, mg, false)
							if wrong == 0 && bad == 0 {
								fmt.Printf("uc %.2f uf %.2f aw %.1f mp %.2f th %.2f mg %.2f: right %d\n", uc, uf, aw, mp, th, mg, right)
							}
						}
					}
				}
			}
		}
	}
}

// runSets counts right and wrong answers and other mistakes (an answered
// "none", a person not handed over).
func runSets(t *testing.T, sets []evalSet, th, mg float64, show bool) (right, wrong, bad int) {
	b := New(Config{})
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai", Threshold: th, Margin: mg}
	for _, set := range sets {
		faqs := loadFAQFile(t, set.faq)
		c := buildCache(1, nil, faqs)
		byQ := map[string]int64{}
		for _, f := range faqs {
			byQ[f.Question] = f.ID
		}
		for i, ec := range loadMessageFile(t, set.messages) {
			if set.half >= 0 && i%2 != set.half {
				continue
			}
			in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
				Direction: crm.DirectionIn, ExternalID: "1", Text: ec.text}}
			ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
			ok := false
			switch ec.want {
			case "handoff":
				ok = ch.action == crm.BotHandoff
				if !ok {
					bad++
				}
			case "none":
				ok = ch.faqID == nil && ch.ruleID == nil
				if !ok {
					bad++
				}
			default:
				switch {
				case ch.faqID != nil && *ch.faqID == byQ[ec.want]:
					right++
					ok = true
				case ch.faqID != nil:
					wrong++
				}
			}
			if show && !ok {
				fmt.Printf("%s\t%s\twant %d\t%s\n", set.messages, ec.text, byQ[ec.want], ch.reason)
			}
		}
	}
	return right, wrong, bad
}
