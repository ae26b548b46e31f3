// Package tabular writes a table (a header row and rows of cells) as CSV or
// XLSX, for every export that hands a list or a report to a spreadsheet.
// It knows nothing of Rapport: callers turn their rows into cells.
package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Cell is one value: a number is written as a number (so that a
// spreadsheet sums it), anything else as text.
type Cell struct {
	Text   string
	Number *float64
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number is a numeric cell.
func Number(f float64) Cell { return Cell{Number: &f} }

// Table is what an export writes: a sheet name, a header and rows.
type Table struct {
	Name   string
	Header []string
	Rows   [][]Cell
}

// String is a cell as CSV writes it: numbers in their shortest exact form.
func (c Cell) String() string {
	if c.Number != nil {
		return strconv.FormatFloat(*c.Number, 'f', -1, 64)
	}
	return c.Text
}

// WriteCSV writes t as UTF-8 CSV with a byte-order mark, which Excel needs
// to read Chinese text as UTF-8 rather than as the system's code page.
func WriteCSV(w io.Writer, t *Table) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	rec := make([]string, len(t.Header))
	for _, row := range t.Rows {
		rec = rec[:0]
		for _, c := range row {
			rec = append(rec, safeCSV(c))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCSV keeps a text cell from being read as a formula by a spreadsheet
// (CSV injection): a leading = + - @ gets a quote mark in front.
func safeCSV(c Cell) string {
	s := c.String()
	if c.Number == nil && s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// WriteXLSX writes t as one sheet of an XLSX workbook through excelize's
// stream writer, which holds one row at a time rather than the sheet.
func WriteXLSX(w io.Writer, t *Table) error {
	f := excelize.NewFile()
	defer f.Close()
	name := sheetName(t.Name)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := writeRow(sw, 1, headerCells(t.Header)); err != nil {
		return err
	}
	for i, row := range t.Rows {
		vals := make([]any, len(row))
		for j, c := range row {
			if c.Number != nil {
				vals[j] = *c.Number
			} else {
				vals[j] = c.Text
			}
		}
		if err := writeRow(sw, i+2, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

func headerCells(h []string) []any {
	out := make([]any, len(h))
	for i, s := range h {
		out[i] = s
	}
	return out
}

func writeRow(sw *excelize.StreamWriter, n int, vals []any) error {
	cell, err := excelize.CoordinatesToCellName(1, n)
	if err != nil {
		return err
	}
	if err := sw.SetRow(cell, vals); err != nil {
		return fmt.Errorf("tabular: row %d: %w", n, err)
	}
	return nil
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
