package importer

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/rapport-crm/rapport/crm"
)

// field is a field a column may fill: its name, its template headings in
// English and Chinese, and other headings people give it (悟空CRM's,
// Excel habits), matched after folding width, case, spaces and marks.
type field struct {
	name, en, zh string
	required     bool
	aliases      []string
}

var ownerField = field{"owner", "Owner", "负责人", false, []string{"所属员工", "跟进人", "销售", "owner email", "sales rep", "负责人邮箱"}}
var tagsField = field{"tags", "Tags", "标签", false, []string{"tag", "labels", "客户标签", "线索标签"}}
var notesField = field{"notes", "Notes", "备注", false, []string{"说明", "remarks", "remark", "comment", "comments", "描述"}}

var kindFields = map[string][]field{
	crm.ImportCustomers: {
		{"name", "Customer name", "客户名称", true, []string{"公司名称", "公司", "客户", "单位名称", "企业名称", "company", "customer", "company name", "account name", "account"}},
		{"short_name", "Short name", "简称", false, []string{"客户简称", "公司简称"}},
		{"kind", "Kind", "客户类型", false, []string{"类型", "type", "customer type"}},
		{"industry", "Industry", "行业", false, []string{"所属行业", "客户行业"}},
		{"level", "Level", "客户级别", false, []string{"级别", "等级", "客户等级", "grade", "rating"}},
		{"region", "Region", "地区", false, []string{"区域", "省份", "所在地区", "province", "area"}},
		{"source", "Source", "客户来源", false, []string{"来源", "lead source"}},
		{"status", "Status", "客户状态", false, []string{"状态", "成交状态"}},
		tagsField,
		{"address", "Address", "地址", false, []string{"详细地址", "公司地址"}},
		{"website", "Website", "网址", false, []string{"网站", "官网", "web", "url"}},
		{"domain", "Mail domain", "邮箱域名", false, []string{"域名", "domain"}},
		{"phone", "Company phone", "公司电话", false, []string{"总机", "座机", "phone", "telephone", "tel"}},
		notesField, ownerField,
		{"contact_name", "Contact name", "联系人", false, []string{"联系人姓名", "首要联系人", "contact", "contact person"}},
		{"contact_title", "Contact title", "联系人职务", false, []string{"职务", "职位", "title", "job title", "position"}},
		{"contact_phone", "Contact mobile", "联系人手机", false, []string{"手机", "手机号", "手机号码", "联系电话", "电话", "mobile", "contact phone", "cell"}},
		{"contact_email", "Contact email", "联系人邮箱", false, []string{"邮箱", "电子邮件", "电子邮箱", "email", "e-mail", "mail"}},
	},
	crm.ImportContacts: {
		{"name", "Name", "姓名", true, []string{"联系人", "联系人姓名", "full name", "contact name", "contact"}},
		{"customer", "Customer", "客户名称", false, []string{"公司名称", "公司", "客户", "单位", "company", "company name", "account", "account name"}},
		{"title", "Title", "职务", false, []string{"职位", "job title", "position"}},
		{"phone", "Mobile", "手机", false, []string{"手机号", "手机号码", "电话", "联系电话", "phone", "telephone", "tel", "cell", "phones"}},
		{"email", "Email", "邮箱", false, []string{"电子邮件", "电子邮箱", "e-mail", "mail", "emails"}},
		{"birthday", "Birthday", "生日", false, []string{"出生日期", "date of birth", "birth date"}},
		tagsField, notesField, ownerField,
	},
	crm.ImportLeads: {
		{"name", "Name", "姓名", false, []string{"联系人", "联系人姓名", "线索名称", "full name", "contact", "contact name"}},
		{"company", "Company", "公司名称", false, []string{"公司", "单位", "单位名称", "客户名称", "企业名称", "company name", "organization"}},
		{"title", "Title", "职务", false, []string{"职位", "job title", "position"}},
		{"phone", "Mobile", "手机", false, []string{"手机号", "手机号码", "电话", "联系电话", "phone", "telephone", "tel", "cell"}},
		{"email", "Email", "邮箱", false, []string{"电子邮件", "电子邮箱", "e-mail", "mail"}},
		{"status", "Status", "线索状态", false, []string{"状态"}},
		{"campaign", "Campaign", "推广活动", false, []string{"活动", "市场活动", "来源活动"}},
		tagsField, notesField, ownerField,
	},
	crm.ImportProducts: {
		{"sku", "SKU", "产品编号", true, []string{"编号", "货号", "产品编码", "物料编码", "product code", "item code", "code"}},
		{"name", "Product name", "产品名称", true, []string{"名称", "品名", "产品", "product", "name"}},
		{"category", "Category", "产品分类", false, []string{"分类", "类别", "品类"}},
		{"unit", "Unit", "单位", false, []string{"计量单位"}},
		{"list_price", "List price", "标准价格", false, []string{"单价", "价格", "售价", "标准价", "price", "unit price"}},
		{"cost", "Cost", "成本", false, []string{"成本价", "进价", "unit cost"}},
		{"active", "Active", "是否上架", false, []string{"上架", "启用", "状态", "status"}},
	},
	crm.ImportOrders: {
		{"number", "Order number", "订单编号", true, []string{"订单号", "合同编号", "单号", "order no", "order", "number"}},
		{"customer", "Customer", "客户名称", true, []string{"客户", "公司名称", "公司", "company", "customer name", "account"}},
		{"title", "Title", "订单标题", false, []string{"标题", "主题", "合同名称"}},
		{"order_date", "Order date", "下单日期", false, []string{"订单日期", "日期", "签约日期", "成交日期", "date", "sales date"}},
		{"status", "Status", "订单状态", false, []string{"状态"}},
		{"currency", "Currency", "币种", false, []string{"货币"}},
		{"dealer", "Dealer", "经销商", false, []string{"代理商", "渠道"}},
		{"sku", "SKU", "产品编号", false, []string{"编号", "货号", "产品编码", "物料编码", "product code", "item code"}},
		{"product", "Product", "产品名称", false, []string{"产品", "品名", "名称", "product name", "item"}},
		{"quantity", "Quantity", "数量", false, []string{"qty", "件数"}},
		{"unit_price", "Unit price", "单价", false, []string{"价格", "售价", "price"}},
		{"amount", "Amount", "金额", false, []string{"小计", "总价", "订单金额", "合同金额", "line amount", "total"}},
		{"paid_amount", "Paid amount", "回款金额", false, []string{"回款", "已回款", "收款金额", "付款金额", "paid", "payment"}},
		{"paid_date", "Paid date", "回款日期", false, []string{"收款日期", "付款日期", "payment date"}},
		{"paid_method", "Payment method", "付款方式", false, []string{"收款方式", "回款方式", "method"}},
		notesField, ownerField,
	},
}

// fieldsOf returns kind's fields; nil for an unknown kind.
func fieldsOf(kind string) []field { return kindFields[kind] }

// headingKey folds a heading for matching: full-width to half-width, lower
// case, without spaces, punctuation and the * that marks required columns.
func headingKey(s string) string {
	s = strings.ToLower(width.Fold.String(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// guessMapping maps each heading to the field it names in either language,
// each field at most once (the first column wins); a heading nobody knows
// maps to "" and is ignored.
func guessMapping(kind string, headings []string) []string {
	byKey := map[string]string{}
	for _, f := range fieldsOf(kind) {
		for _, h := range append([]string{f.name, f.en, f.zh}, f.aliases...) {
			if k := headingKey(h); byKey[k] == "" {
				byKey[k] = f.name
			}
		}
	}
	used := map[string]bool{}
	out := make([]string, len(headings))
	for i, h := range headings {
		if f := byKey[headingKey(h)]; f != "" && !used[f] {
			out[i], used[f] = f, true
		}
	}
	return out
}

// checkMapping validates a mapping chosen by the user: one entry per
// column, known fields, each at most once, the required ones present.
func checkMapping(kind string, headings, mapping []string) error {
	p := crm.Problems{}
	if len(mapping) != len(headings) {
		p.Add("mapping", "needs one entry per column ("+itoa(len(headings))+")")
		return p.Err()
	}
	known := map[string]bool{}
	for _, f := range fieldsOf(kind) {
		known[f.name] = true
	}
	used := map[string]bool{}
	for i, m := range mapping {
		switch {
		case m == "":
		case !known[m]:
			p.Add("mapping", "column "+itoa(i+1)+": no field "+m)
		case used[m]:
			p.Add("mapping", "field "+m+" is chosen for two columns")
		}
		used[m] = true
	}
	for _, f := range fieldsOf(kind) {
		if f.required && !used[f.name] {
			p.Add("mapping", "a column must fill "+f.name)
		}
	}
	if kind == crm.ImportLeads && !used["name"] && !used["company"] && !used["phone"] && !used["email"] {
		p.Add("mapping", "a column must fill name, company, phone or email")
	}
	return p.Err()
}

// publicFields is fieldsOf for the API.
func publicFields(kind string) []crm.ImportField {
	var out []crm.ImportField
	for _, f := range fieldsOf(kind) {
		out = append(out, crm.ImportField{Name: f.name, English: f.en, Chinese: f.zh, Required: f.required})
	}
	return out
}
