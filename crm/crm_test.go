package crm

import (
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, region, want string
		ok               bool
	}{
		{"+86 138 0013 8000", "CN", "+8613800138000", true},
		{"13800138000", "CN", "+8613800138000", true},
		{"(0755) 8888-1234", "CN", "+8675588881234", true},
		{"+1 415-555-0134", "CN", "+14155550134", true},
		{"415-555-0134", "US", "+14155550134", true},
		{"12345", "CN", "", false},
		{"not a phone", "CN", "", false},
		{"", "CN", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizePhone(tt.in, tt.region)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q, %v", tt.in, tt.region, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{" Li.Wei@HuaQiang.example ", "li.wei@huaqiang.example", true},
		{"张三@例子.公司", "张三@例子.公司", true}, // RFC 6531 addresses are real in China
		{"Li <li@x.example>", "", false},
		{"nodomain@localhost", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeEmail(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("hash %q is not argon2id", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("the right password was refused")
	}
	if CheckPassword(h, "correct horse batterz") {
		t.Error("a wrong password was accepted")
	}
	if _, err := HashPassword("short"); ErrorCode(err) != EINVALID {
		t.Errorf("short password: got %v, want EINVALID", err)
	}
	// The hash unknown emails are checked against has the same parameters
	// (the same cost) and matches nothing.
	u := UnmatchablePasswordHash()
	if strings.Split(u, "$")[3] != strings.Split(h, "$")[3] || len(u) != len(h) {
		t.Errorf("unmatchable hash %q differs in shape from %q", u, h)
	}
	if CheckPassword(u, "correct horse battery") || CheckPassword(u, "") {
		t.Error("the unmatchable hash matched a password")
	}
}

func TestOrderAmounts(t *testing.T) {
	o := Order{Number: "SO-1", CustomerID: 1, Items: []LineItem{
		{Product: "传感器", Quantity: 3, UnitPrice: 1999},
		{Product: "Cable", Quantity: 2.5, UnitPrice: 100},
	}}
	if err := o.Normalize(); err != nil {
		t.Fatal(err)
	}
	if o.Amount != 3*1999+250 {
		t.Errorf("amount = %d, want %d", o.Amount, 3*1999+250)
	}
	bad := Order{}
	err := bad.Normalize()
	f := ErrorFields(err)
	if f["number"] == "" || f["customer_id"] == "" {
		t.Errorf("fields = %v, want number and customer_id named", f)
	}
}

func TestNewList(t *testing.T) {
	ids := func(i int) int64 { return int64(i) }
	l := NewList([]int{9, 8, 7}, 2, ids)
	if len(l.Items) != 2 || l.Next != 8 {
		t.Errorf("got %v next %d, want 2 items next 8", l.Items, l.Next)
	}
	l = NewList([]int{9}, 2, ids)
	if l.Next != 0 {
		t.Errorf("next = %d, want 0 on the last page", l.Next)
	}
}

func TestMaskName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"深圳市华强电子有限公司", "深圳*******公司"},
		{"Wang Fang", "Wa*****ng"},
		{"李伟", "李*"},
		{"张小伟", "张*伟"},
		{"A", "*"},
		{"", "*"},
	}
	for _, tt := range tests {
		if got := MaskName(tt.in); got != tt.want {
			t.Errorf("MaskName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeesOwned(t *testing.T) {
	me, other := int64(1), int64(2)
	tests := []struct {
		name  string
		v     Viewer
		owner *int64
		team  int64
		want  bool
	}{
		{"pool", Viewer{UserID: me, Role: RoleRep}, nil, 0, true},
		{"own", Viewer{UserID: me, Role: RoleRep}, &me, 0, true},
		{"another rep's", Viewer{UserID: me, Role: RoleRep, TeamID: 5}, &other, 5, false},
		{"manager, own team", Viewer{UserID: me, Role: RoleManager, TeamID: 5}, &other, 5, true},
		{"manager, other team", Viewer{UserID: me, Role: RoleManager, TeamID: 5}, &other, 6, false},
		{"manager without team", Viewer{UserID: me, Role: RoleManager}, &other, 0, false},
		{"admin", Viewer{UserID: me, Role: RoleAdmin}, &other, 6, true},
	}
	for _, tt := range tests {
		if got := tt.v.SeesOwned(tt.owner, tt.team); got != tt.want {
			t.Errorf("%s: SeesOwned = %v, want %v", tt.name, got, tt.want)
		}
	}
}
