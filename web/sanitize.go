package web

import (
	"net/url"
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// emailPolicies are the two sanitizers of email HTML: both keep text,
// formatting, tables, links and images and drop scripts, event handlers,
// forms, frames, styles and javascript: URLs; the blocked one also empties
// remote image sources, so that opening a mail does not tell its sender
// (tracking pixels) until the rep asks for its images.
var emailPolicies = sync.OnceValues(func() (blocked, withImages *bluemonday.Policy) {
	return emailPolicy(true), emailPolicy(false)
})

func emailPolicy(blockImages bool) *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("align", "valign", "bgcolor", "width", "height").OnElements("table", "td", "th", "tr", "img")
	// cid: sources name the mail's own inline images; mailDoc points them
	// at their attachments once sanitized.
	p.AllowURLSchemes("cid")
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	if blockImages {
		p.RewriteSrc(func(u *url.URL) {
			if u.Scheme != "data" && u.Scheme != "cid" {
				*u = url.URL{}
			}
		})
	}
	return p
}

// sanitizeEmail returns mail HTML safe to show in a sandboxed frame.
func sanitizeEmail(html string, images bool) string {
	blocked, withImages := emailPolicies()
	if images {
		return withImages.Sanitize(html)
	}
	return blocked.Sanitize(html)
}

// remoteImage finds an image with a source on another site.
var remoteImage = regexp.MustCompile(`(?i)<img\b[^>]*\ssrc\s*=\s*["']?\s*(https?:)?//`)

// hasRemoteImages reports whether a mail would load images from elsewhere,
// so that the page offers "show images" only when it changes something.
// A pattern on the raw mail, not a second sanitizing pass: a false "yes"
// only shows a button that changes nothing.
func hasRemoteImages(html string) bool { return remoteImage.MatchString(html) }

// frameDoc wraps sanitized mail HTML into the document of its frame, with
// a base that opens links in a new tab and a plain readable style.
func frameDoc(body string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank">` +
		`</head><body style="font:14px/1.5 system-ui,sans-serif;margin:.5rem;word-wrap:break-word">` +
		body + `</body></html>`
}
