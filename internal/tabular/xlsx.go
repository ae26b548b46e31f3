package tabular

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxWriter writes one sheet through excelize's stream writer, which keeps
// the sheet's XML in a temporary file past 16 MB rather than in memory.
type xlsxWriter struct {
	w    io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	n    int
	vals []any
}

// NewXLSX starts an XLSX workbook of one sheet named name (as Excel allows
// a sheet's name) with its header.
func NewXLSX(w io.Writer, name string, header []string) (Writer, error) {
	f := excelize.NewFile()
	sheet := sheetName(name)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	x := &xlsxWriter{w: w, f: f, sw: sw}
	vals := make([]any, len(header))
	for i, s := range header {
		vals[i] = s
	}
	if err := x.row(vals); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func (x *xlsxWriter) Row(cells []Cell) error {
	x.vals = x.vals[:0]
	for _, c := range cells {
		if c.Number != nil {
			x.vals = append(x.vals, *c.Number)
		} else {
			x.vals = append(x.vals, c.Text)
		}
	}
	return x.row(x.vals)
}

func (x *xlsxWriter) row(vals []any) error {
	x.n++
	cell, err := excelize.CoordinatesToCellName(1, x.n)
	if err != nil {
		return err
	}
	if err := x.sw.SetRow(cell, vals); err != nil {
		return fmt.Errorf("tabular: row %d: %w", x.n, err)
	}
	return nil
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.w)
}

// sheetName is name as Excel allows a sheet's: at most 31 characters,
// none of : \ / ? * [ ].
func sheetName(name string) string {
	out := []rune{}
	for _, r := range name {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		out = append(out, r)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}
