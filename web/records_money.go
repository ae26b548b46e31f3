package web

import (
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// Amounts are typed and shown in major units (yuan) and stored in minor
// units (fen), as crm.Money says.

// parseMoney reads an amount in major units ("1,200.5") as minor units.
func parseMoney(s string) (crm.Money, bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "，", "")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" && frac == "" {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	return crm.Money(n), err == nil && !strings.HasPrefix(s, "-")
}

// moneyText writes minor units as a major-unit amount: 120050 → "1200.50".
func moneyText(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return sign + strconv.FormatInt(m/100, 10) + "." + strconv.FormatInt(m%100+100, 10)[1:]
}
