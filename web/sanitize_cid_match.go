package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// cidAttachment finds the image attachment a cid: URL names. By Content-ID
// first: exactly, as RFC 2392 says, then ignoring case, as mail programs
// that rewrite one side's case expect. The URL is compared decoded
// ("%40" is "@") and, should a Content-ID hold a literal "%", as written.
// Mail stored before Content-IDs were kept has none: it goes by name.
func cidAttachment(raw string, files []crm.Attachment) *crm.Attachment {
	refs := cidRefs(raw)
	if len(refs) == 0 {
		return nil
	}
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, strings.EqualFold} {
		for _, ref := range refs {
			if a := findImage(files, func(a *crm.Attachment) bool { return same(a.ContentID, ref) }); a != nil {
				return a
			}
		}
	}
	return byCIDName(refs[0], files)
}

// cidRefs are the Content-IDs a cid: URL may mean: decoded, then as written.
func cidRefs(raw string) []string {
	var refs []string
	if u, err := url.PathUnescape(raw); err == nil {
		refs = append(refs, cleanCID(u))
	}
	if c := cleanCID(raw); !slices.Contains(refs, c) {
		refs = append(refs, c)
	}
	return slices.DeleteFunc(refs, func(r string) bool { return r == "" })
}

func cleanCID(s string) string { return strings.Trim(strings.TrimSpace(s), "<>") }

// byCIDName is the guess for files without a Content-ID, by the names mail
// programs and the email channel give inline images: the channel names an
// unnamed part after its Content-ID ("/" and "\" replaced, an extension
// added); Outlook and Apple Mail name the file as the Content-ID's part
// before "@" ("image001.png@01DA2B3C.4D5E6F70"). A file that has a
// Content-ID is not guessed at: its id said which reference is its own.
func byCIDName(cid string, files []crm.Attachment) *crm.Attachment {
	asName := strings.NewReplacer("/", "_", "\\", "_").Replace(cid)
	if a := findImage(files, func(a *crm.Attachment) bool {
		return a.ContentID == "" && (a.Name == asName || strings.HasPrefix(a.Name, asName+"."))
	}); a != nil {
		return a
	}
	local, _, _ := strings.Cut(cid, "@")
	if local == cid {
		return nil
	}
	return findImage(files, func(a *crm.Attachment) bool { return a.ContentID == "" && a.Name == local })
}

// findImage returns the first possible image among files that ok accepts
// (whether it is one, its bytes tell: inlineSrc).
func findImage(files []crm.Attachment, ok func(*crm.Attachment) bool) *crm.Attachment {
	for i := range files {
		if a := &files[i]; imageCandidate(a) && ok(a) {
			return a
		}
	}
	return nil
}
