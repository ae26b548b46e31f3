package crm

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for phone numbers written without a
// country code when no other region is configured.
const DefaultRegion = "CN"

// NormalizePhone parses a phone number as written by a person ("+86 138 0013
// 8000", "13800138000", "(0755) 8888-1234") and returns it in E.164. Numbers
// without a country code are read in region. It reports false for anything
// that is not a valid number.
func NormalizePhone(s, region string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return "", false
	}
	if region == "" {
		region = DefaultRegion
	}
	n, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}
