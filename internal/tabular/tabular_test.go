package tabular

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var table = &Table{Name: "销售 by rep: 2026/03", Header: []string{"销售员", "金额"},
	Rows: [][]Cell{{Text("王小明"), Number(1234.5)}, {Text("=HYPERLINK(\"x\")"), Number(-2)}}}

func TestCSVReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, table); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, "\ufeff") {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"销售员", "金额"}, {"王小明", "1234.5"}, {"'=HYPERLINK(\"x\")", "-2"}}
	if len(recs) != 3 || recs[1][0] != want[1][0] || recs[1][1] != want[1][1] || recs[2][0] != want[2][0] || recs[2][1] != "-2" {
		t.Fatalf("read back %q, want %q", recs, want)
	}
}

func TestXLSXReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, table); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "销售 by rep_ 2026_03" {
		t.Errorf("sheet %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "销售员" || rows[1][0] != "王小明" || rows[1][1] != "1234.5" {
		t.Fatalf("rows %q", rows)
	}
	if typ, _ := f.GetCellType(sheet, "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B2 is %v, want a number", typ)
	}
}

// TestUnescapeUndoesSafeCSV: every text cell, however it starts, reads back
// as itself once written safe; a quote mark before anything else stays.
func TestUnescapeUndoesSafeCSV(t *testing.T) {
	for _, s := range []string{"=1+1", "+86 138", "-5", "@SUM(A1)", "'=already quoted", "'plain", "'", "", "王小明", "=", "it's"} {
		if got := Unescape(safeCSV(Text(s))); got != s {
			t.Errorf("Unescape(safeCSV(%q)) = %q", s, got)
		}
	}
	for in, want := range map[string]string{"'=cmd": "=cmd", "'-5": "-5", "'abc": "'abc", "''=x": "'=x", "'": "'"} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriterMakesHeadingsSafe(t *testing.T) {
	var b bytes.Buffer
	cw, err := NewCSV(&b, []string{"=cmd|' /C calc'!A0", "名称"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cw.Row([]Cell{Text("@x"), Text("ok")}); err != nil {
		t.Fatal(err)
	}
	if err := cw.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "'=cmd|' /C calc'!A0" || recs[1][0] != "'@x" || recs[1][1] != "ok" {
		t.Errorf("read back %q", recs)
	}
}
