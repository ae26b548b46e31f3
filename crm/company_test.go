package crm

import "testing"

func TestCompanyKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"深圳市华强电子有限公司", "华强电子"},
		{"华强电子（深圳）有限公司", "华强电子"},
		{"华强电子股份有限公司", "华强电子"},
		{"华强电子集团", "华强电子"},
		{"Acme Robotics Co., Ltd.", "acmerobotics"},
		{"ACME Robotics, Inc.", "acmerobotics"},
		{"Acme Robotics (Shenzhen) Limited", "acmerobotics"},
		{"有限公司", ""},
		{"Inc.", ""},
		{"", ""},
		{"深圳", "深圳"}, // a bare place name is all there is: keep it
	}
	for _, tt := range tests {
		if got := CompanyKey(tt.in); got != tt.want {
			t.Errorf("CompanyKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
