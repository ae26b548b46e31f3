package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// faqCSVHeader is the FAQ's CSV layout, for import and export alike.
var faqCSVHeader = []string{"question", "alternatives", "answer", "answer_en"}

// importFAQs reads a CSV of FAQ entries (a header row first) and stores
// them all, or, when any row is broken, none, naming the row.
func (s *Server) importFAQs(w http.ResponseWriter, r *http.Request) {
	fs, err := readFAQCSV(http.MaxBytesReader(w, r.Body, 4<<20))
	var b crm.BotStore
	if err == nil {
		b, err = s.bot()
	}
	if err == nil {
		err = b.ImportFAQs(r.Context(), fs)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]int{"imported": len(fs)})
}

func readFAQCSV(body io.Reader) ([]*crm.FAQ, error) {
	cr := csv.NewReader(body)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		return nil, crm.Errorf(crm.EINVALID, "The CSV is broken at row %d: %v. Nothing was imported.", pe.Line, pe.Err)
	case err != nil:
		return nil, crm.Errorf(crm.EINVALID, "The CSV could not be read: %v", err)
	case len(rows) < 2:
		return nil, crm.Errorf(crm.EINVALID, "The CSV has no entries: a header row (%s) and one row per entry.",
			strings.Join(faqCSVHeader, ","))
	}
	var fs []*crm.FAQ
	for i, row := range rows[1:] {
		if len(row) < 3 || len(row) > 4 {
			return nil, &crm.Error{Code: crm.EINVALID, Message: fmt.Sprintf("Row %d is invalid; nothing was imported.", i+1),
				Fields: map[string]string{fmt.Sprintf("row %d", i+1): "needs 3 or 4 columns: " + strings.Join(faqCSVHeader, ", ")}}
		}
		f := &crm.FAQ{Question: row[0], Answer: row[2], Enabled: true, Alternatives: []string{}}
		for _, a := range strings.Split(row[1], "|") {
			if a = strings.TrimSpace(a); a != "" {
				f.Alternatives = append(f.Alternatives, a)
			}
		}
		if len(row) == 4 {
			f.AnswerEn = row[3]
		}
		fs = append(fs, f)
	}
	return fs, nil
}

func (s *Server) exportFAQs(w http.ResponseWriter, r *http.Request) {
	b, err := s.bot()
	var fs []*crm.FAQ
	if err == nil {
		fs, err = b.FAQs(r.Context())
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="faq.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(faqCSVHeader) //nolint:errcheck // reported by Flush
	for _, f := range fs {
		cw.Write([]string{f.Question, strings.Join(f.Alternatives, "|"), f.Answer, f.AnswerEn}) //nolint:errcheck
	}
	cw.Flush()
}
