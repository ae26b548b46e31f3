package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds on a workbook's declared content, checked from the zip directory
// before anything is unpacked: an XLSX bomb (a few KB that unpack to GBs,
// or a sheet declaring a million columns) is refused, not read.
const (
	maxUnzipped   = 1 << 30 // the whole workbook, unpacked
	maxRatio      = 200     // unpacked/packed, for parts over ratioFloor
	ratioFloor    = 8 << 20
	xmlInMemory   = 16 << 20 // excelize spills larger sheets to a temporary file
	maxDimensions = 1 << 24  // declared rows × columns of the sheet
)

var errHeadings = errors.New("headings read")

// openXLSX checks the workbook, reads its first sheet's merged cells and
// walks it once, so that a broken sheet is refused before any row is used.
func openXLSX(data []byte) (*table, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refused("The XLSX file is broken (not a readable zip): " + err.Error())
	}
	if err := checkZip(zr); err != nil {
		return nil, err
	}
	sheetPath, err := firstSheetPath(zr)
	if err != nil {
		return nil, err
	}
	merges, err := readMerges(zr, sheetPath)
	if err != nil {
		return nil, err
	}
	t := &table{format: "xlsx"}
	t.each = func(ctx context.Context, from int, fn func(int, []string) error) error {
		return walkXLSX(ctx, data, merges, func(no int, cells []string) error {
			if no == 0 || no < from {
				return nil
			}
			return fn(no, cells)
		})
	}
	err = walkXLSX(context.Background(), data, merges, func(no int, cells []string) error {
		t.headings = append([]string(nil), cells...)
		return errHeadings // the rows are walked by the caller's count
	})
	if err != nil && !errors.Is(err, errHeadings) {
		return nil, err
	}
	if t.headings == nil {
		return nil, refused("The workbook's first sheet has no rows.")
	}
	return t, nil
}

// checkZip refuses a workbook whose parts declare more than we unpack.
func checkZip(zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > maxRatio*max(f.CompressedSize64, 1) {
			return refused("The XLSX file declares a part that unpacks " + itoa(int(f.UncompressedSize64/max(f.CompressedSize64, 1))) +
				" times its size (" + f.Name + "): refused as a zip bomb.")
		}
	}
	if total > maxUnzipped {
		return refused("The XLSX file unpacks to more than 1 GB: refused.")
	}
	return nil
}

// firstSheetPath finds the first sheet's part through the workbook and its
// relationships, as Excel orders the tabs.
func firstSheetPath(zr *zip.Reader) (string, error) {
	var wb struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXML(zr, "xl/workbook.xml", &wb); err != nil || len(wb.Sheets) == 0 {
		return "", refused("The XLSX file has no sheets (xl/workbook.xml is missing or broken).")
	}
	if err := readXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", refused("The XLSX file is broken (xl/_rels/workbook.xml.rels).")
	}
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[0].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", refused("The XLSX file is broken: its first sheet has no part.")
}

func readXML(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(io.LimitReader(f, xmlInMemory)).Decode(v)
}

// readMerges streams the sheet's XML for its dimension and merged ranges
// (they follow the rows, so the whole part is scanned, token by token,
// never held). A declared dimension past maxDimensions is refused.
func readMerges(zr *zip.Reader, sheetPath string) ([]mergeRange, error) {
	f, err := zr.Open(sheetPath)
	if err != nil {
		return nil, refused("The XLSX file is broken: " + sheetPath + " is missing.")
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var out []mergeRange
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, refused("The XLSX sheet is broken: " + err.Error())
		}
		se, ok := tok.(xml.StartElement)
		if !ok || (se.Name.Local != "mergeCell" && se.Name.Local != "dimension") {
			continue
		}
		m, ok := parseRange(attr(se, "ref"))
		switch {
		case !ok:
		case se.Name.Local == "dimension" && (m.bottom-m.top+1)*(m.right-m.left+1) > maxDimensions:
			return nil, refused("The XLSX sheet declares " + attr(se, "ref") + ", more cells than we read: refused.")
		case se.Name.Local == "mergeCell":
			out = append(out, m)
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// mergeRange is a merged block of cells, zero-based, inclusive.
type mergeRange struct{ top, left, bottom, right int }

func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{top: r1 - 1, left: c1 - 1, bottom: r2 - 1, right: c2 - 1}, true
}

// walkXLSX streams the first sheet's rows with raw values (dates as Excel
// serial numbers, numbers unformatted, a formula's cached result), fills
// each merged block with its top-left value, and numbers rows as walkCSV.
func walkXLSX(ctx context.Context, data []byte, merges []mergeRange, fn func(no int, cells []string) error) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: xmlInMemory})
	if err != nil {
		return refused("The XLSX file could not be opened: " + err.Error())
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return refused("The XLSX file has no sheets.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return refused("The XLSX sheet could not be read: " + err.Error())
	}
	defer rows.Close()
	fill := newMergeFill(merges)
	no := -1
	for r := 0; rows.Next(); r++ {
		cells, err := rows.Columns()
		if err != nil {
			return refused("The XLSX sheet is broken at row " + itoa(r+1) + ": " + err.Error())
		}
		cells = fill.apply(r, cells)
		if no < 0 && emptyRow(cells) {
			continue
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
	if err := rows.Error(); err != nil {
		return refused("The XLSX sheet is broken: " + err.Error())
	}
	return nil
}

// mergeFill copies a merged block's value into each of its cells: a
// customer's name merged over the rows of its several contacts reads on
// every row. Rows come in order, so only the blocks open at the current
// row are looked at (a sheet may hold thousands of blocks).
type mergeFill struct {
	merges []mergeRange // by top row
	next   int          // the first block not yet open
	open   []openMerge
}

type openMerge struct {
	mergeRange
	value string
}

func newMergeFill(m []mergeRange) *mergeFill {
	m = slices.Clone(m)
	slices.SortFunc(m, func(a, b mergeRange) int { return a.top - b.top })
	return &mergeFill{merges: m}
}

func (m *mergeFill) apply(r int, cells []string) []string {
	m.open = slices.DeleteFunc(m.open, func(g openMerge) bool { return g.bottom < r })
	for ; m.next < len(m.merges) && m.merges[m.next].top <= r; m.next++ {
		g := openMerge{mergeRange: m.merges[m.next]}
		if g.top == r && g.left < len(cells) {
			g.value = cells[g.left]
		}
		m.open = append(m.open, g)
	}
	for _, g := range m.open {
		for len(cells) <= g.right {
			cells = append(cells, "")
		}
		for c := g.left; c <= g.right; c++ {
			cells[c] = g.value
		}
	}
	return cells
}
