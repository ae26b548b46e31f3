package web

import (
	htmlstd "html"
	"net/url"
	"regexp"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// mailDoc is a message's HTML for its sandboxed frame: sanitized, remote
// images only when asked, and its inline images (cid:) shown from the
// message's own attachments.
func mailDoc(m *crm.Message, images bool) string {
	return frameDoc(inlineImages(sanitizeEmail(m.HTML, images), m.Attachments))
}

// cidSrc finds the cid: sources left by the sanitizer, which writes every
// attribute double-quoted and escaped.
var cidSrc = regexp.MustCompile(`\ssrc="cid:([^"]*)"`)

// inlineImages points each cid: source at the image attachment of the same
// message that it names, and empties the ones that name none: a mail can
// only show its own files, which whoever sees the mail may open anyway.
func inlineImages(sanitized string, files []crm.Attachment) string {
	return cidSrc.ReplaceAllStringFunc(sanitized, func(m string) string {
		ref := htmlstd.UnescapeString(cidSrc.FindStringSubmatch(m)[1])
		if u, err := url.PathUnescape(ref); err == nil {
			ref = u
		}
		if a := cidAttachment(ref, files); a != nil {
			return ` src="/api/v1/attachments/` + itoa64(a.ID) + `"`
		}
		return ` src=""`
	})
}

// cidAttachment finds the image a Content-ID names. The store keeps no
// Content-ID, so it goes by the names mail programs and the email channel
// give inline images: the channel names an unnamed part after its
// Content-ID ("/" and "\" replaced, an extension added); Outlook and Apple
// Mail name the file as the Content-ID's part before "@"
// ("image001.png@01DA2B3C.4D5E6F70").
func cidAttachment(cid string, files []crm.Attachment) *crm.Attachment {
	cid = strings.Trim(strings.TrimSpace(cid), "<>")
	if cid == "" {
		return nil
	}
	asName := strings.NewReplacer("/", "_", "\\", "_").Replace(cid)
	local, _, _ := strings.Cut(cid, "@")
	var byLocal *crm.Attachment
	for i := range files {
		a := &files[i]
		if !strings.HasPrefix(a.ContentType, "image/") {
			continue
		}
		if a.Name == asName || strings.HasPrefix(a.Name, asName+".") {
			return a
		}
		if byLocal == nil && local != cid && a.Name == local {
			byLocal = a
		}
	}
	return byLocal
}
