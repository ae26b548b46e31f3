package importer

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/rapport-crm/rapport/crm"
)

var (
	orderStatuses = map[string]string{"draft": crm.OrderDraft, "草稿": crm.OrderDraft, "active": crm.OrderActive,
		"执行中": crm.OrderActive, "已签约": crm.OrderActive, "生效": crm.OrderActive, "进行中": crm.OrderActive,
		"completed": crm.OrderCompleted, "已完成": crm.OrderCompleted, "完成": crm.OrderCompleted, "已结束": crm.OrderCompleted,
		"cancelled": crm.OrderCancelled, "已取消": crm.OrderCancelled, "取消": crm.OrderCancelled, "作废": crm.OrderCancelled}
	payMethods = map[string]string{"bank": crm.MethodBank, "银行": crm.MethodBank, "转账": crm.MethodBank,
		"银行转账": crm.MethodBank, "对公转账": crm.MethodBank, "alipay": crm.MethodAlipay, "支付宝": crm.MethodAlipay,
		"wechat": crm.MethodWeChat, "微信": crm.MethodWeChat, "微信支付": crm.MethodWeChat, "cash": crm.MethodCash,
		"现金": crm.MethodCash, "cheque": crm.MethodCheque, "支票": crm.MethodCheque}
	yesNo = map[string]bool{"": true, "1": true, "yes": true, "y": true, "true": true, "是": true, "上架": true,
		"启用": true, "active": true, "0": false, "no": false, "n": false, "false": false, "否": false, "下架": false,
		"停用": false, "inactive": false}
)

// money reads an amount cell into p's problems when it is not one.
func money(p *rowProblems, field, cell string) (crm.Money, bool) {
	if cell == "" {
		return 0, false
	}
	c, ok := parseAmount(cell)
	if !ok {
		p.add(field, cell+" is not an amount (write 1234.50, ¥1,234.50 or 1234元)")
	}
	return crm.Money(c), ok
}

func productOf(r row, p *rowProblems) *crm.Product {
	v := r.vals
	pr := &crm.Product{SKU: v["sku"], Name: v["name"], Category: v["category"], Unit: v["unit"], Active: true}
	pr.ListPrice, _ = money(p, "list_price", v["list_price"])
	if c, ok := money(p, "cost", v["cost"]); ok {
		pr.Cost = &c
	}
	if a, ok := yesNo[strings.ToLower(strings.TrimSpace(v["active"]))]; ok {
		pr.Active = a
	} else {
		p.add("active", v["active"]+" is not yes or no (是/否)")
	}
	if err := pr.Normalize(); err != nil {
		p.addErr("", err)
	}
	return pr
}

// orderLine is the line a row of an orders file holds, if any: a product
// (its id resolved by the caller from sku), a quantity and a price; the
// amount alone gives the price of a quantity of one.
func orderLine(r row, p *rowProblems) *crm.LineItem {
	v := r.vals
	if v["sku"] == "" && v["product"] == "" {
		return nil
	}
	it := &crm.LineItem{Product: v["product"], Quantity: 1}
	if q := v["quantity"]; q != "" {
		n, err := strconv.ParseFloat(strings.ReplaceAll(width.Fold.String(q), ",", ""), 64)
		if err != nil || n <= 0 {
			p.add("quantity", q+" is not a positive number")
		}
		it.Quantity = n
	}
	price, hasPrice := money(p, "unit_price", v["unit_price"])
	amount, hasAmount := money(p, "amount", v["amount"])
	switch {
	case hasPrice:
		it.UnitPrice = price
	case hasAmount && it.Quantity > 0:
		it.UnitPrice = crm.Money(float64(amount)/it.Quantity + 0.5)
	}
	return it
}

// orderOf builds the order a row starts (customer, dealer and the line's
// product are the caller's to resolve).
func orderOf(r row, p *rowProblems) *crm.Order {
	v := r.vals
	o := &crm.Order{Number: v["number"], Title: v["title"], Currency: strings.ToUpper(v["currency"]),
		Status: coded(orderStatuses, v["status"]), Terms: v["notes"]}
	if o.Status == "" {
		o.Status = crm.OrderCompleted // a past order, as the file says it was
	}
	if o.Number == "" {
		p.add("number", "is required")
	}
	if s := v["order_date"]; s != "" {
		d, ok := parseDate(s)
		if !ok {
			p.add("order_date", s+" is not a date (write 2026-03-05, 2026/3/5 or 2026年3月5日)")
		}
		o.OrderDate = d
	}
	return o
}

// paymentOf is the row's payment, if it has a paid amount: paid on the paid
// date, else the order date, at noon in China, else now.
func paymentOf(r row, orderDate *crm.Date, now time.Time, p *rowProblems) *crm.Payment {
	v := r.vals
	amount, ok := money(p, "paid_amount", v["paid_amount"])
	if !ok {
		return nil
	}
	pm := &crm.Payment{Amount: amount, Method: coded(payMethods, v["paid_method"]), PaidAt: now}
	if pm.Method == "" {
		pm.Method = crm.MethodOther
	}
	if _, known := payMethods[strings.ToLower(pm.Method)]; !known && pm.Method != crm.MethodOther {
		pm.Notes, pm.Method = v["paid_method"], crm.MethodOther // kept, not lost
	}
	day := orderDate
	if s := v["paid_date"]; s != "" {
		d, ok := parseDate(s)
		if !ok {
			p.add("paid_date", s+" is not a date")
		}
		day = d
	}
	if day != nil {
		if t, err := time.ParseInLocation(time.DateOnly, day.String(), china); err == nil {
			pm.PaidAt = t.Add(12 * time.Hour)
		}
	}
	return pm
}

var china = time.FixedZone("CST", 8*3600)
