package importer

import (
	"bytes"
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// Limits on what a file may hold, refused whole beyond them.
const (
	maxColumns = 200
	maxRows    = 1_000_000
	maxCell    = 32 << 10
)

// table is a file's first sheet: its headings and a way to walk its rows.
type table struct {
	format, encoding string
	headings         []string
	// each calls fn for every data row from row from on (1 is the first
	// row below the headings), skipping empty rows but counting them.
	each func(ctx context.Context, from int, fn func(no int, cells []string) error) error
}

// openTable reads the headings of a CSV or XLSX file, telling them apart
// by content rather than by name. A file that is neither, or an old .xls,
// is refused with the reason. The rows are checked by walking them all
// (Upload counts them), before any is used.
func openTable(data []byte) (*table, error) {
	var t *table
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		t, err = openXLSX(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, refused("This is an old Excel file (.xls): save it as .xlsx or as CSV and upload that.")
	case len(bytes.TrimSpace(data)) == 0:
		return nil, refused("The file is empty.")
	default:
		t, err = openCSV(data)
	}
	if err != nil {
		return nil, err
	}
	return unescaped(t), nil
}

// unescaped reads every cell as the text it stands for: a quote mark
// before = + - @ is Excel's mark of literal text, and what the error
// report writes (tabular.Unescape), so that the report imports back as
// the rows were.
func unescaped(t *table) *table {
	for i, h := range t.headings {
		t.headings[i] = tabular.Unescape(h)
	}
	each := t.each
	t.each = func(ctx context.Context, from int, fn func(int, []string) error) error {
		return each(ctx, from, func(no int, cells []string) error {
			for i, c := range cells {
				cells[i] = tabular.Unescape(c)
			}
			return fn(no, cells)
		})
	}
	return t
}

// refused is the error of a file refused whole.
func refused(msg string) error {
	return &crm.Error{Code: crm.EINVALID, Message: msg, Fields: map[string]string{"file": msg}}
}

// emptyRow reports whether every cell is blank.
func emptyRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkRow refuses a row past the limits: a file that is not a table.
func checkRow(no int, cells []string) error {
	if len(cells) > maxColumns {
		return refused("Row " + itoa(no) + " has more than " + itoa(maxColumns) + " columns: this does not look like a table of records.")
	}
	if no > maxRows {
		return refused("The file has more than " + itoa(maxRows) + " rows: split it.")
	}
	for _, c := range cells {
		if len(c) > maxCell {
			return refused("Row " + itoa(no) + " has a cell longer than 32 KB.")
		}
	}
	return nil
}
