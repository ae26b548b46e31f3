package matcher

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// phoneCandidate finds what might be a phone number: an optional + and
// bracket, a digit, then digits and the separators people write between
// groups (space, - . ( ), full-width forms), ending in a digit. It says
// nothing about validity; phonenumbers decides that.
var phoneCandidate = regexp.MustCompile(`[+＋]?[(（]?\p{Nd}(?:[\p{Nd} \t\x{3000}\x{00A0}().\-（）\x{2010}-\x{2015}\x{FF0D}]*\p{Nd})?`)

// Characters that, next to a digit run, make it part of something else: a
// code ("#123", "A_123", "a/b"), an amount ("¥138…", "12%"), a unit.
const (
	notBefore = "#_\\%$¥￥€£@&"
	notAfter  = "#_\\%@&元"
)

// maxPieces bounds how many space-separated groups one candidate may have
// when it is split; it keeps the work per candidate small.
const maxPieces = 8

// appendPhones adds to out the valid phone numbers in s (already blanked
// of addresses, links, dates and order numbers) that it does not hold yet,
// in E.164, up to max in all.
func (m *Matcher) appendPhones(out []string, s string, max int) []string {
	for _, loc := range phoneCandidate.FindAllStringIndex(s, -1) {
		if len(out) >= max {
			return out
		}
		if !standsAlone(s, loc[0], loc[1]) {
			continue
		}
		for _, n := range m.phonesIn(s[loc[0]:loc[1]]) {
			if !contains(out, n) && len(out) < max {
				out = append(out, n)
			}
		}
	}
	return out
}

// phonesIn reads a candidate as one number or, failing that, as several
// numbers written one after another ("138 0013 8000 139 0013 9000"): from
// the left, the longest run of whole space-separated groups that is a valid
// number is taken, and the search goes on after it. Groups are never cut.
func (m *Matcher) phonesIn(c string) []string {
	if n, ok := m.textPhone(c); ok {
		return []string{n}
	}
	pieces := strings.Fields(c)
	if len(pieces) < 2 || len(pieces) > maxPieces {
		return nil
	}
	var out []string
	for i := 0; i < len(pieces); {
		j := len(pieces)
		for ; j > i; j-- {
			if n, ok := m.textPhone(strings.Join(pieces[i:j], " ")); ok {
				out = append(out, n)
				break
			}
		}
		i = max(j, i+1)
	}
	return out
}

// textPhone validates a number found in free text. It is stricter than
// crm.NormalizePhone (used for numbers a person typed into a phone field):
// phonenumbers' VALID leniency (the one its own matcher uses), 7 to 17
// digits, and a number written without a country code must be a mobile
// number or start with the national prefix ("0755…"), because a bare
// fixed-line-looking digit run ("415-555-0134" read in CN) is more often
// something else than a number in the default region.
func (m *Matcher) textPhone(c string) (string, bool) {
	if d := len(phonenumbers.NormalizeDigitsOnly(c)); d < 7 || d > 17 {
		return "", false
	}
	n, err := phonenumbers.ParseAndKeepRawInput(c, m.region)
	if err != nil {
		return "", false
	}
	if !phonenumbers.VALID.Verify(n, c) {
		// Written with + and a country code, a number of a possible length
		// for that country is read as crm.NormalizePhone reads it, though
		// the metadata does not know its block (+971 4 123 4567).
		if plusWritten(c) && possibleAbroad(n) {
			return phonenumbers.Format(n, phonenumbers.E164), true
		}
		return "", false
	}
	if n.GetCountryCodeSource() == phonenumbers.PhoneNumber_FROM_DEFAULT_COUNTRY && !m.bareAllowed(n, c) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

func plusWritten(c string) bool {
	return strings.HasPrefix(c, "+") || strings.HasPrefix(c, "＋")
}

func possibleAbroad(n *phonenumbers.PhoneNumber) bool {
	return phonenumbers.GetRegionCodeForCountryCode(int(n.GetCountryCode())) != "ZZ" &&
		phonenumbers.IsPossibleNumberWithReason(n) == phonenumbers.IS_POSSIBLE
}

func (m *Matcher) bareAllowed(n *phonenumbers.PhoneNumber, c string) bool {
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return true
	}
	prefix := phonenumbers.GetNddPrefixForRegion(m.region, true)
	return prefix != "" && strings.HasPrefix(phonenumbers.NormalizeDigitsOnly(c), prefix)
}

// standsAlone reports whether the candidate s[i:j] is not glued to a word,
// a code or an amount: no Latin letter or code character right before or
// after it, no "-" or "." joining it to a letter or digit before, and no
// "/" joining it to a letter ("No/13800138000"; "138…/139…" is two numbers).
func standsAlone(s string, i, j int) bool {
	if p, size := utf8.DecodeLastRuneInString(s[:i]); size > 0 {
		if isLatinOrDigit(p) || strings.ContainsRune(notBefore, p) {
			return false
		}
		pp, _ := utf8.DecodeLastRuneInString(s[:i-size])
		if ((p == '-' || p == '.') && isLatinOrDigit(pp)) || (p == '/' && unicode.Is(unicode.Latin, pp)) {
			return false
		}
	}
	if a, size := utf8.DecodeRuneInString(s[j:]); size > 0 {
		if isLatinOrDigit(a) || strings.ContainsRune(notAfter, a) {
			return false
		}
	}
	return true
}

func isLatinOrDigit(r rune) bool {
	return unicode.IsDigit(r) || unicode.Is(unicode.Latin, r)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
