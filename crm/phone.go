package crm

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for phone numbers written without a
// country code when no other region is configured.
const DefaultRegion = "CN"

// PhoneProblem is the validation message for a phone number that
// NormalizePhone refused; it names the number.
func PhoneProblem(s string) string {
	return strconv.Quote(strings.TrimSpace(s)) + " " + PhoneProblemText
}

// PhoneProblemText is PhoneProblem without the number (the key the UI
// translates).
const PhoneProblemText = "is not a phone number of any country (write a foreign number with + and its country code)"

// NormalizePhone parses a phone number as written by a person ("+86 138 0013
// 8000", "13800138000", "(0755) 8888-1234", "+971 4 123 4567") and returns
// it in E.164. It reports false for anything it cannot place.
//
//   - A number valid in region (the region's own numbers, or any written
//     with + or the region's international prefix) is taken.
//   - A number written with its country code is taken when it has a
//     possible length for that country, even when the library's metadata
//     does not know its block: the metadata lags behind the numbering
//     plans (a Dubai landline like +971 4 123 4567 is refused by it), and
//     a person who typed + and a country code meant an international number.
//   - A number without + that is not valid in region but is a valid
//     number once read as international ("971 4 234 5678", "1 415 555
//     0134") is taken as that: people often leave the + out.
func NormalizePhone(s, region string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return "", false
	}
	if region == "" {
		region = DefaultRegion
	}
	n, err := phonenumbers.ParseAndKeepRawInput(s, region)
	if err == nil && phonenumbers.IsValidNumber(n) {
		return phonenumbers.Format(n, phonenumbers.E164), true
	}
	if err == nil && international(n) && possibleIn(n) {
		return phonenumbers.Format(n, phonenumbers.E164), true
	}
	if strings.ContainsAny(s, "+＋") {
		return "", false
	}
	digits := phonenumbers.NormalizeDigitsOnly(s)
	if len(digits) < 8 || mobileShaped(digits, region) {
		return "", false
	}
	if n, err := phonenumbers.Parse("+"+digits, "ZZ"); err == nil && phonenumbers.IsValidNumber(n) {
		return phonenumbers.Format(n, phonenumbers.E164), true
	}
	return "", false
}

// mobileShaped reports whether digits look like a mobile number of region
// (same length, same first digit): a mistyped one, not a foreign number
// without its +. In CN, "14155550134" is refused rather than read as +1.
func mobileShaped(digits, region string) bool {
	ex := phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
	if ex == nil {
		return false
	}
	nat := phonenumbers.GetNationalSignificantNumber(ex)
	return len(nat) == len(digits) && nat[0] == digits[0]
}

// international reports whether n was written with its country code.
func international(n *phonenumbers.PhoneNumber) bool {
	switch n.GetCountryCodeSource() {
	case phonenumbers.PhoneNumber_FROM_NUMBER_WITH_PLUS_SIGN, phonenumbers.PhoneNumber_FROM_NUMBER_WITH_IDD:
		return true
	}
	return false
}

// possibleIn reports whether n's country code names a country and its
// national number has a length that country uses.
func possibleIn(n *phonenumbers.PhoneNumber) bool {
	if phonenumbers.GetRegionCodeForCountryCode(int(n.GetCountryCode())) == "ZZ" {
		return false
	}
	return phonenumbers.IsPossibleNumberWithReason(n) == phonenumbers.IS_POSSIBLE
}
