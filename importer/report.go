package importer

import (
	"context"
	"io"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// Jobs returns a page of the jobs v may see, newest first.
func (s *Service) Jobs(ctx context.Context, v crm.Viewer, p crm.Page) (crm.List[*crm.ImportJob], error) {
	if err := mayImport(v); err != nil {
		return crm.List[*crm.ImportJob]{}, err
	}
	return s.cfg.Store.ListImports(ctx, v, p)
}

// ErrorReport writes the rows that failed, as read, with a last column
// saying why: CSV in UTF-8 with a byte-order mark, which Excel opens
// without garbling Chinese, through internal/tabular, so that a cell
// someone wrote as a formula is not run by the spreadsheet that opens the
// report (a quote mark goes before = + - @). The importer reads that mark
// as Excel does (openTable), so the file, fixed, imports again as it is.
func (s *Service) ErrorReport(ctx context.Context, v crm.Viewer, id int64, w io.Writer) error {
	j, err := s.Job(ctx, v, id)
	if err != nil {
		return err
	}
	cw, err := tabular.NewCSV(w, append(append([]string{}, j.Headings...), "原因 Why", "行 Row"))
	if err != nil {
		return err
	}
	after := 0
	for {
		rows, err := s.cfg.Store.ImportRows(ctx, j.ID, crm.RowFailed, after, 1000)
		if err != nil {
			return err
		}
		for _, r := range rows {
			cells := make([]tabular.Cell, len(j.Headings), len(j.Headings)+2)
			for i := range cells {
				if i < len(r.Cells) {
					cells[i] = tabular.Text(r.Cells[i])
				}
			}
			if err := cw.Row(append(cells, tabular.Text(r.Reason), tabular.Text(itoa(r.RowNo)))); err != nil {
				return err
			}
			after = r.RowNo
		}
		if len(rows) < 1000 {
			return cw.Close()
		}
	}
}

// Template writes an empty file of kind with the headings in lang.
func (s *Service) Template(kind, lang, format string, w io.Writer) error {
	if err := checkKind(kind); err != nil {
		return err
	}
	var heads []string
	for _, f := range fieldsOf(kind) {
		h := f.en
		if lang == "zh-CN" {
			h = f.zh
		}
		if f.required {
			h += " *"
		}
		heads = append(heads, h)
	}
	t := &tabular.Table{Name: kind, Header: heads}
	switch format {
	case "csv":
		return tabular.WriteCSV(w, t)
	case "xlsx":
		return tabular.WriteXLSX(w, t)
	}
	return &crm.Error{Code: crm.EINVALID, Message: "Unknown template format.", Fields: map[string]string{"format": "csv or xlsx"}}
}
