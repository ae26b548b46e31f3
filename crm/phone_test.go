package crm

import (
	"strings"
	"testing"
)

func TestNormalizePhoneOfEveryCountry(t *testing.T) {
	tests := []struct {
		in, region, want string // want "": refused
	}{
		{"+86 138 0013 8000", "CN", "+8613800138000"},
		{"13800138000", "CN", "+8613800138000"},
		{"(0755) 8888-1234", "CN", "+8675588881234"},
		{"+971 4 123 4567", "CN", "+97141234567"}, // a Dubai landline the metadata does not know
		{"+971 4 234 5678", "CN", "+97142345678"},
		{"00971 4 234 5678", "CN", "+97142345678"}, // China's international prefix
		{"+44 20 7946 0958", "CN", "+442079460958"},
		{"+1 415 555 0134", "CN", "+14155550134"},
		{"+852 9123 4567", "CN", "+85291234567"},
		{"+49 30 12345678", "US", "+493012345678"},
		{"971 4 234 5678", "CN", "+97142345678"}, // the + left out
		{"852 9123 4567", "CN", "+85291234567"},
		{"44 20 7946 0958", "CN", "+442079460958"},
		{"14155550134", "CN", ""},   // shaped like a Chinese mobile: not read as +1
		{"12345678901", "CN", ""},   // a mistyped mobile is not a US number
		{"+999 123 4567", "CN", ""}, // no such country
		{"+971 12", "CN", ""},       // too short for the UAE
		{"hello", "CN", ""},
		{"415-555-0134", "US", "+14155550134"},
	}
	for _, tt := range tests {
		got, ok := NormalizePhone(tt.in, tt.region)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormalizePhone(%q, %s) = %q, %v; want %q", tt.in, tt.region, got, ok, tt.want)
		}
	}
}

func TestPhoneProblemNamesTheNumber(t *testing.T) {
	c := &Contact{Name: "x", Phones: []string{"+999 123 4567"}}
	err := c.Normalize("CN")
	if msg := ErrorFields(err)["phones"]; !strings.Contains(msg, `"+999 123 4567" `+PhoneProblemText) {
		t.Fatalf("phones: %q (%v) does not name the number", msg, err)
	}
}
