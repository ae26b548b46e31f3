// Package tabular writes a table (a header row and rows of cells) as CSV or
// XLSX, for every export that hands a list or a report to a spreadsheet.
// It knows nothing of Rapport: callers turn their rows into cells.
//
// A Writer takes one row at a time, so that a long list is written as it is
// read and never held whole; WriteCSV and WriteXLSX write a Table already
// in memory (a report) through the same writers.
package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
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

// Writer writes a table's rows one at a time after its header. Close
// finishes the file (XLSX writes its archive then); a Writer that was not
// closed has written an incomplete file.
type Writer interface {
	Row(cells []Cell) error
	Close() error
}

// Formats are the formats New knows.
var Formats = []string{"csv", "xlsx"}

// New starts a table in format ("csv" or "xlsx") on w with its header.
func New(format string, w io.Writer, name string, header []string) (Writer, error) {
	switch format {
	case "csv":
		return NewCSV(w, header)
	case "xlsx":
		return NewXLSX(w, name, header)
	}
	return nil, fmt.Errorf("tabular: unknown format %q", format)
}

// ContentType is the MIME type of a format's file.
func ContentType(format string) string {
	if format == "xlsx" {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// write writes t through a Writer.
func write(tw Writer, err error, t *Table) error {
	if err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := tw.Row(row); err != nil {
			return err
		}
	}
	return tw.Close()
}

// WriteCSV writes t as UTF-8 CSV with a byte-order mark (see NewCSV).
func WriteCSV(w io.Writer, t *Table) error {
	tw, err := NewCSV(w, t.Header)
	return write(tw, err, t)
}

// WriteXLSX writes t as one sheet of an XLSX workbook (see NewXLSX).
func WriteXLSX(w io.Writer, t *Table) error {
	tw, err := NewXLSX(w, t.Name, t.Header)
	return write(tw, err, t)
}

type csvWriter struct {
	cw  *csv.Writer
	rec []string
}

// NewCSV starts UTF-8 CSV with a byte-order mark, which Excel needs to read
// Chinese text as UTF-8 rather than as the system's code page.
func NewCSV(w io.Writer, header []string) (Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	c := &csvWriter{cw: csv.NewWriter(w), rec: make([]string, 0, len(header))}
	// Each heading is made safe like a text cell: a heading may come from
	// someone's file (the importer's error report).
	hs := make([]Cell, len(header))
	for i, h := range header {
		hs[i] = Text(h)
	}
	return c, c.Row(hs)
}

func (c *csvWriter) Row(cells []Cell) error {
	c.rec = c.rec[:0]
	for _, cell := range cells {
		c.rec = append(c.rec, safeCSV(cell))
	}
	return c.cw.Write(c.rec) // csv.Writer's buffer passes each 4 KB on as it fills
}

func (c *csvWriter) Close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// safeCSV keeps a text cell from being read as a formula by a spreadsheet
// (CSV injection): a leading = + - @ gets a quote mark in front.
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
