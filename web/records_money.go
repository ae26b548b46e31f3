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

// moneyText writes minor units as a major-unit amount with thousands
// separators: 1225000 → "12,250.00". parseMoney reads it back, so it also
// fills the inputs of a form.
func moneyText(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	whole := strconv.FormatInt(m/100, 10)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return sign + whole + "." + strconv.FormatInt(m%100+100, 10)[1:]
}

// currencySymbols are the currencies shown by their symbol before the
// amount; others keep their code after it.
var currencySymbols = map[string]string{"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$"}

// moneyIn writes an amount in its currency: ¥12,250.00, or 12,250.00 JPY.
func moneyIn(m crm.Money, currency string) string {
	if sym, ok := currencySymbols[currency]; ok {
		if m < 0 {
			return "-" + sym + moneyText(-int64(m))
		}
		return sym + moneyText(int64(m))
	}
	return strings.TrimSpace(moneyText(int64(m)) + " " + currency)
}
