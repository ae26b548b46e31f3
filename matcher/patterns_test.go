package matcher

import (
	"slices"
	"testing"
)

func TestOrderPatterns(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"关于订单 SO-20240001 的发货", []string{"SO-20240001"}},
		{"PO20240002 and ORD_123456", []string{"PO20240002", "ORD_123456"}},
		{"合同HT2024001已盖章", []string{"HT2024001"}},
		{"contract CT-2024-0007, thanks", []string{"CT-2024-0007"}},
		{"SO-2024-0001-。", []string{"SO-2024-0001"}},
		{"订单号：20240001，请查收", []string{"20240001"}},
		{"合同编号 HT-2024-01", []string{"HT-2024-01"}},
		{"订单编号#A1234", []string{"A1234"}},
		{"SO-20240001 again SO-20240001", []string{"SO-20240001"}},
		{"ALSO20240001 and SO123 and so-20240001", nil},
		{"photo 2024 PO Box 1234", nil},
	}
	pats := DefaultOrderPatterns()
	for _, tt := range tests {
		got, _ := appendNumbers(nil, pats, tt.text, 8, nil)
		if !slices.Equal(got, tt.want) {
			t.Errorf("orders in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestTaskPatterns(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"re: T-123 done", []string{"T-123"}},
		{"任务T2024001进度", []string{"T2024001"}},
		{"TASK_4567 and Task-890", []string{"TASK_4567", "Task-890"}},
		{"T12 is too short, t1000 is a model, CT-1234 a contract", nil},
	}
	pats := DefaultTaskPatterns()
	for _, tt := range tests {
		got, _ := appendNumbers(nil, pats, tt.text, 8, nil)
		if !slices.Equal(got, tt.want) {
			t.Errorf("tasks in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFindNumbersMax(t *testing.T) {
	got, spans := appendNumbers(nil, DefaultOrderPatterns(), "SO-10001 SO-10002 SO-10003", 2, nil)
	if len(got) != 2 || len(spans) != 3 {
		t.Errorf("got %q and %d spans, want 2 numbers and 3 spans (all are blanked)", got, len(spans))
	}
}

func TestCompilePatterns(t *testing.T) {
	res, err := CompilePatterns([]string{`\bINV-\d+\b`, `订单(\d+)`})
	if err != nil || len(res) != 2 {
		t.Fatalf("CompilePatterns: %v, %d", err, len(res))
	}
	got, _ := appendNumbers(nil, res, "INV-77 订单12345", 8, nil)
	if want := []string{"INV-77", "12345"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := CompilePatterns([]string{`(`}); err == nil {
		t.Error("a broken pattern compiled")
	}
}
