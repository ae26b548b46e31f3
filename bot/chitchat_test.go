package bot

import "testing"

// Thanks or a greeting with a form of address asks nothing; a question
// that starts with thanks still asks.
func TestChitChatWithAddress(t *testing.T) {
	for msg, want := range map[string]bool{
		"谢谢老师":                  true,
		"好的师傅":                  true,
		"Thank you so much!":    true,
		"你好":                    true,
		"谢谢老师，几点上课":             false,
		"谢谢教练！辛苦了":              true,
		"辛苦了，麻烦你了":              true,
		"辛苦教练看下我的动作":            false,
		"老师几点上课":                false,
		"thanks, where are you": false,
		// thanks and praise are a remark; praise asked is a question
		"谢谢老板，虾很新鲜👍":  true,
		"谢谢师傅，洗得蛮好的👍": true,
		"周末愉快~":       true,
		"师傅手艺真不错":     true,
		"虾新鲜吗":        false,
		"谢谢，虾很新鲜吗":    false,
	} {
		if got := isChitChat(normalize(msg)); got != want {
			t.Errorf("%s: chit-chat %v, want %v", msg, got, want)
		}
	}
}
