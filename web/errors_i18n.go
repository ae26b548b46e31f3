package web

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// localizedError is an API error in the language of the request, sent
// beside the stable English code, message and fields (errorBody.Localized)
// when that language is not English. The UI shows it; scripts keep
// reading code and fields, which never change with the language.
type localizedError struct {
	Lang    string            `json:"lang"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Labels are the fields' names in that language, for a message like
	// "职位：必填".
	Labels map[string]string `json:"labels,omitempty"`
}

// localize returns err in lang. A message the catalogs know is translated
// ("err.<English>", errors.*.toml and problems.*.toml); any other falls
// back to its code's sentence ("code.<code>"), never to English. An
// internal error keeps its safe message, translated the same way.
func localize(lang string, err error) *localizedError {
	code := crm.ErrorCode(err)
	if code == "" {
		return nil
	}
	// English is the messages' own language: one the catalogs lack is
	// shown as it is (the error page of an English page).
	out := &localizedError{Lang: lang, Message: crm.ErrorMessage(err)}
	if msg, ok := problemIn(lang, out.Message); ok {
		out.Message = msg
	} else if lang != "en" {
		out.Message = translate(lang, "code."+code)
	}
	for name, msg := range crm.ErrorFields(err) {
		if out.Fields == nil {
			out.Fields, out.Labels = map[string]string{}, map[string]string{}
		}
		tr, ok := problemIn(lang, msg)
		if !ok && lang != "en" {
			tr = translate(lang, "code.field")
		}
		out.Fields[name], out.Labels[name] = tr, fieldLabel(lang, name)
	}
	return out
}

// fieldLabel names an API field in lang: its form label when the
// catalogs have one, else the field's own name.
func fieldLabel(lang, name string) string {
	base := name
	if i := strings.IndexAny(base, ".["); i > 0 { // "items[2].price", "fields.0.name"
		base = base[:i]
	}
	if tr := translate(lang, "field."+base); tr != "field."+base {
		return tr
	}
	return name
}

// problemIn translates a refusal's message when the catalogs know it:
// the text itself, a text after the value it refuses ("\"+999 1\" is not
// …"), or a text with numbers in it (numberedProblems).
func problemIn(lang, msg string) (string, bool) {
	if msg == "" {
		return "", false
	}
	if tr := translate(lang, "err."+msg); tr != "err."+msg {
		return tr, true
	}
	if q, err := strconv.QuotedPrefix(msg); err == nil && strings.HasPrefix(msg[len(q):], " ") {
		if tr, ok := problemIn(lang, msg[len(q)+1:]); ok {
			return q + " " + tr, true
		}
	}
	for _, np := range numberedProblems {
		if m := np.re.FindStringSubmatch(msg); m != nil {
			return numbered(lang, np.key, m[1:]...), true
		}
	}
	return msg, false
}

// numbered is a catalog sentence with {1}, {2}… filled in.
func numbered(lang, key string, args ...string) string {
	pairs := make([]string, 0, 2*len(args))
	for i, a := range args {
		pairs = append(pairs, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return strings.NewReplacer(pairs...).Replace(translate(lang, key))
}

// numberedProblems are the refusals that carry numbers, matched whole.
var numberedProblems = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^must be between (-?\d+) and (-?\d+)$`), "err.n.between"},
	{regexp.MustCompile(`^must be from (-?\d+) to (-?\d+)$`), "err.n.between"},
	{regexp.MustCompile(`^must be 1 to (\d+)$`), "err.n.one_to"},
	{regexp.MustCompile(`^must be an integer from 1 to (\d+)$`), "err.n.one_to"},
	{regexp.MustCompile(`^at most (\d+)$`), "err.n.at_most"},
	{regexp.MustCompile(`^is longer than (\d+) characters$`), "err.n.longer_than"},
	{regexp.MustCompile(`^Cap (\d+) reached: the user holds (\d+) (.+)\.$`), "err.n.cap"},
	{regexp.MustCompile(`^Daily claim limit (\d+) reached\.$`), "err.n.daily_claims"},
	{regexp.MustCompile(`^has more than (\d+) fields$`), "err.n.more_fields"},
	{regexp.MustCompile(`^(\S+) is not an origin like (\S+)$`), "err.n.not_origin"},
	{regexp.MustCompile(`^is (\d+) bytes; WeChat allows (\d+) \(a Chinese character is 3\)$`), "err.n.bytes_cn"},
	{regexp.MustCompile(`^is (\d+) bytes; WeChat allows (\d+)$`), "err.n.bytes"},
	{regexp.MustCompile(`^has (\d+) buttons; WeChat allows (\d+)$`), "err.n.buttons"},
	{regexp.MustCompile(`^line (\d+): a sub-button needs a top button above it$`), "err.n.orphan_sub"},
	{regexp.MustCompile(`^This question was taught to FAQ entry (\d+) already\.$`), "err.n.taught_already"},
	{regexp.MustCompile(`^This question was made into FAQ entry (\d+) already\.$`), "err.n.new_entry_already"},
}

// refusalText is err as one line in lang, for a page that shows a refusal
// itself (a flash above its form): the message, then each field's problem
// after the field's name. Never English on a Chinese page (see localize).
func refusalText(lang string, err error) string {
	l := localize(lang, err)
	if l == nil {
		return ""
	}
	return refusalLine(lang, l.Message, l.Fields)
}

// refusalLine joins a refusal already in lang with its fields' problems.
func refusalLine(lang, msg string, fields map[string]string) string {
	lines := fieldLines(lang, fields)
	if len(lines) == 0 {
		return msg
	}
	sep := "; "
	if strings.HasPrefix(lang, "zh") {
		sep = "；"
	}
	return msg + " " + strings.Join(lines, sep)
}

// fieldLines are each field's problem after the field's name
// ("职位：必填"), sorted so that a page reads the same each time.
func fieldLines(lang string, fields map[string]string) []string {
	var out []string
	for name, msg := range fields {
		out = append(out, fieldLabel(lang, name)+colon(lang)+msg)
	}
	slices.Sort(out)
	return out
}

// errorCodes are the codes the catalogs give a sentence ("code.<code>").
var errorCodes = []string{crm.ECONFLICT, crm.EINTERNAL, crm.EINVALID, crm.ENOTFOUND, crm.EUNAUTHORIZED,
	crm.EFORBIDDEN, crm.ETOOLARGE, crm.ERATELIMITED, crm.ENOTIMPLEMENTED}
