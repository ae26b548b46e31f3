package web

import (
	"strings"
	"testing"
)

func TestSanitizeEmail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in        string
		images          bool
		want, forbidden []string
		remote          bool
	}{
		{name: "script and handlers", in: `<p onclick="x()">hi</p><script>alert(1)</script><img src="x" onerror="alert(1)">`,
			want: []string{"<p>hi</p>"}, forbidden: []string{"script", "onclick", "onerror", "alert"}},
		{name: "javascript link", in: `<a href="javascript:alert(1)">x</a><a href="https://ok.example/">ok</a>`,
			want: []string{`href="https://ok.example/"`, `target="_blank"`, "noreferrer"}, forbidden: []string{"javascript"}},
		{name: "frames forms styles", in: `<iframe src="https://e.example"></iframe><form><input></form><style>p{}</style><p style="color:red">t</p>`,
			want: []string{"<p>t</p>"}, forbidden: []string{"iframe", "form", "input", "style"}},
		{name: "remote image blocked", in: `<img src="https://t.example/p.gif" alt="p">`, remote: true,
			forbidden: []string{"t.example"}},
		{name: "remote image shown", in: `<img src="https://t.example/p.gif" alt="p">`, images: true, remote: true,
			want: []string{`src="https://t.example/p.gif"`}},
		{name: "no remote image", in: `<p>文字 <b>粗体</b></p><table><tr><td>1</td></tr></table>`,
			want: []string{"<b>粗体</b>", "<td>1</td>"}},
	} {
		got := sanitizeEmail(tc.in, tc.images)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
		for _, f := range tc.forbidden {
			if strings.Contains(strings.ToLower(got), f) {
				t.Errorf("%s: %q holds %q", tc.name, got, f)
			}
		}
		if hasRemoteImages(tc.in) != tc.remote {
			t.Errorf("%s: remote images %v, want %v", tc.name, !tc.remote, tc.remote)
		}
	}
}
