package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// detectEncoding names a CSV file's encoding and returns its decoder: a
// byte-order mark first (UTF-8, UTF-16 as Excel's "Unicode text" saves),
// then valid UTF-8, then GB18030 (a superset of GBK and GB2312, what Excel
// in China saves as "CSV") when it decodes without a replacement.
func detectEncoding(data []byte) (string, encoding.Encoding, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8-bom", unicode.UTF8BOM, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "utf-16", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), nil
	case bytes.IndexByte(data, 0) >= 0:
		return "", nil, refused("This is not a text file: upload CSV or XLSX.")
	case utf8.Valid(data):
		return "utf-8", unicode.UTF8, nil
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(dec, utf8.RuneError) {
		return "", nil, refused("The file is neither UTF-8 nor GBK/GB18030 text: save it as \"CSV UTF-8\" or as XLSX.")
	}
	return "gb18030", simplifiedchinese.GB18030, nil
}

// openCSV detects the encoding and the separator, then reads the whole
// file once: broken quoting anywhere refuses the file before any row is
// imported.
func openCSV(data []byte) (*table, error) {
	name, enc, err := detectEncoding(data)
	if err != nil {
		return nil, err
	}
	sep := separator(data, enc)
	reader := func() *csv.Reader {
		r := csv.NewReader(enc.NewDecoder().Reader(bytes.NewReader(data)))
		r.Comma, r.FieldsPerRecord, r.ReuseRecord = sep, -1, true
		return r
	}
	t := &table{format: "csv", encoding: name}
	first := true
	err = walkCSV(context.Background(), reader(), func(no int, cells []string) error {
		t.headings, first = append([]string(nil), cells...), false
		return errHeadings // the rows are walked by the caller's count
	})
	if err != nil && !errors.Is(err, errHeadings) {
		return nil, err
	}
	if first {
		return nil, refused("The file has no rows.")
	}
	t.each = func(ctx context.Context, from int, fn func(int, []string) error) error {
		return walkCSV(ctx, reader(), func(no int, cells []string) error {
			if no == 0 || no < from {
				return nil
			}
			return fn(no, cells)
		})
	}
	return t, nil
}

// walkCSV calls fn with the heading row as row 0 and each non-empty data
// row after it, numbered from 1 (empty rows count, so numbers match what
// the user sees less the headings).
func walkCSV(ctx context.Context, r *csv.Reader, fn func(no int, cells []string) error) error {
	no := -1
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(err)
		}
		if no < 0 && emptyRow(cells) {
			continue // blank lines above the headings
		}
		no++
		if no%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := checkRow(no, cells); err != nil {
			return err
		}
		if emptyRow(cells) {
			continue
		}
		if err := fn(no, trimCells(cells)); err != nil {
			return err
		}
	}
}

func trimCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return refused("The CSV file is broken at line " + itoa(pe.Line) + ": " + pe.Err.Error() + ". Nothing was imported.")
	}
	return refused("The file could not be read: " + err.Error())
}

// separator picks comma, semicolon or tab: whichever the first line holds
// most of (Excel writes semicolons where the decimal mark is a comma, and
// tabs in "Unicode text").
func separator(data []byte, enc encoding.Encoding) rune {
	head := data[:min(len(data), 4096)]
	if dec, err := enc.NewDecoder().Bytes(head); err == nil {
		head = dec
	}
	line, _, _ := strings.Cut(string(head), "\n")
	best, n := ',', strings.Count(line, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(line, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
