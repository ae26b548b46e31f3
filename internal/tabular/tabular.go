// Package tabular writes a table (a header row and rows of cells) as CSV or
// XLSX, for every export that hands a list or a report to a spreadsheet.
// It knows nothing of Rapport: callers turn their rows into cells.
package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	cw, err := NewCSV(w, t.Header)
	if err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// CSVWriter writes a table row by row, for a file too long to hold (the
// importer's error report): WriteCSV's format, cells made safe the same way.
type CSVWriter struct {
	cw  *csv.Writer
	rec []string
}

// NewCSV writes the byte-order mark and the header, each heading made safe
// like a text cell (a heading may come from someone's file).
func NewCSV(w io.Writer, header []string) (*CSVWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	c := &CSVWriter{cw: csv.NewWriter(w)}
	hs := make([]Cell, len(header))
	for i, h := range header {
		hs[i] = Text(h)
	}
	return c, c.Write(hs)
}

// Write writes one row.
func (c *CSVWriter) Write(row []Cell) error {
	c.rec = c.rec[:0]
	for _, cell := range row {
		c.rec = append(c.rec, safeCSV(cell))
	}
	return c.cw.Write(c.rec)
}

// Flush writes what is buffered and returns the first error.
func (c *CSVWriter) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// safeCSV keeps a text cell from being read as a formula by a spreadsheet
// (CSV injection): a leading = + - @ gets a quote mark in front, Excel's
// own mark of text typed as it is. Unescape takes it off again.
func safeCSV(c Cell) string {
	s := c.String()
	if c.Number == nil && formulaStart(s) {
		return "'" + s
	}
	return s
}

// formulaStart reports whether s starts with = + - @ after any quote
// marks: text already quoted gets one more, so that Unescape gives it back.
func formulaStart(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')
}

// Unescape reads a cell of a file people fill in (an import) as the text
// it stands for: a quote mark before = + - @ is Excel's mark of literal
// text, what safeCSV writes, and not part of the value (one is taken off a
// run of them). So a file written here imports back unchanged. Any other
// quote mark is kept.
func Unescape(s string) string {
	if len(s) >= 2 && s[0] == '\'' && formulaStart(s[1:]) {
		return s[1:]
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
