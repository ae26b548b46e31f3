package bot

import "testing"

// TestSoundAlike: a pair typed by its sound (保休 for 保修, 定治 for 定制)
// counts as the phrasing's pair that sounds the same; without the sounds
// the typo is a word no phrasing has.
func TestSoundAlike(t *testing.T) {
	x := newFAQIndex(loadFAQFile(t, "testdata/eval4_faq.csv"))
	for _, tc := range []struct {
		text string
		want int64
	}{{"保休多久", 7}, {"沙发能定治吗", 4}} {
		f, s := x.best(normalize(tc.text))
		if f.faq == nil || f.faq.ID != tc.want || f.score < defaultThreshold || f.score-s.score < defaultMargin || f.prec < minPrecision {
			t.Errorf("%q: best %+v (runner-up %.2f), want entry %d answered", tc.text, f, s.score, tc.want)
		}
		x.sounds = nil // the same index without sounds does not answer it
		if f, s := x.best(normalize(tc.text)); f.faq != nil && f.faq.ID == tc.want && f.score >= defaultThreshold &&
			f.score-s.score >= defaultMargin && f.prec >= minPrecision {
			t.Errorf("%q: answered without the sounds too; the test shows nothing", tc.text)
		}
		x.addSounds()
	}
}
