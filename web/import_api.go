package web

import (
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// maxImportFile bounds an uploaded import file; the importer refuses what
// its own limit refuses, and this keeps the body from running unbounded.
const maxImportFile = 64 << 20

func (s *Server) importer() (crm.Importer, error) {
	if s.deps.Importer == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Imports are not available on this server.")
	}
	return s.deps.Importer, nil
}

// upload hands an uploaded file to the importer: the body itself (kind and
// name in the query), or a multipart form with kind and file.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) (*crm.ImportJob, error) {
	im, err := s.importer()
	if err != nil {
		return nil, err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportFile+1<<20)
	kind, name := r.URL.Query().Get("kind"), r.URL.Query().Get("name")
	var body io.Reader = r.Body
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, invalid("file", "the form could not be read")
		}
		for {
			part, err := mr.NextPart()
			if err != nil {
				return nil, invalid("file", "choose a file to upload")
			}
			if part.FormName() == "kind" {
				b, _ := io.ReadAll(io.LimitReader(part, 100))
				kind = string(b)
				continue
			}
			if part.FormName() == "file" {
				body, name = part, part.FileName()
				break
			}
		}
	}
	if name == "" {
		name = "upload"
	}
	return im.Upload(r.Context(), viewerOf(r), kind, path.Base(name), body)
}

func (s *Server) postImportAPI(w http.ResponseWriter, r *http.Request) {
	j, err := s.upload(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, j)
}

func (s *Server) listImports(r *http.Request) (crm.List[*crm.ImportJob], error) {
	im, err := s.importer()
	if err != nil {
		return crm.List[*crm.ImportJob]{}, err
	}
	q := newQuery(r)
	p := q.page()
	if err := q.p.Err(); err != nil {
		return crm.List[*crm.ImportJob]{}, err
	}
	return im.Jobs(r.Context(), viewerOf(r), p)
}

func (s *Server) importAndID(r *http.Request) (crm.Importer, int64, error) {
	im, err := s.importer()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r)
	return im, id, err
}

func (s *Server) getImport(r *http.Request) (*crm.ImportJob, error) {
	im, id, err := s.importAndID(r)
	if err != nil {
		return nil, err
	}
	return im.Job(r.Context(), viewerOf(r), id)
}

func (s *Server) checkImport(r *http.Request) (*crm.ImportReport, error) {
	im, id, err := s.importAndID(r)
	var set crm.ImportSettings
	if err == nil {
		err = decodeNew(r, &set)
	}
	if err != nil {
		return nil, err
	}
	return im.Check(r.Context(), viewerOf(r), id, set)
}

func (s *Server) startImport(r *http.Request) (*crm.ImportJob, error) {
	im, id, err := s.importAndID(r)
	var set crm.ImportSettings
	if err == nil {
		err = decodeNew(r, &set)
	}
	if err != nil {
		return nil, err
	}
	return im.Start(r.Context(), viewerOf(r), id, set)
}

func (s *Server) undoImport(r *http.Request) (*crm.ImportJob, error) {
	im, id, err := s.importAndID(r)
	if err != nil {
		return nil, err
	}
	return im.Undo(r.Context(), viewerOf(r), id)
}

func (s *Server) getImportErrors(w http.ResponseWriter, r *http.Request) {
	im, id, err := s.importAndID(r)
	if err == nil {
		_, err = im.Job(r.Context(), viewerOf(r), id) // refused before any header is written
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="import-`+chi.URLParam(r, "id")+`-errors.csv"`)
	if err := im.ErrorReport(r.Context(), viewerOf(r), id, w); err != nil {
		s.log.WarnContext(r.Context(), "import error report", "err", err)
	}
}

func (s *Server) getImportFields(r *http.Request) ([]crm.ImportField, error) {
	im, err := s.importer()
	if err != nil {
		return nil, err
	}
	f := im.Fields(chi.URLParam(r, "kind"))
	if f == nil {
		return nil, invalid("kind", "must be one of "+strings.Join(crm.ImportKinds, ", "))
	}
	return f, nil
}

func (s *Server) getImportTemplate(w http.ResponseWriter, r *http.Request) {
	im, err := s.importer()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	kind, format, lang := chi.URLParam(r, "kind"), r.URL.Query().Get("format"), r.URL.Query().Get("lang")
	if format == "" {
		format = "csv"
	}
	if im.Fields(kind) == nil || (format != "csv" && format != "xlsx") {
		s.writeError(w, r, invalid("kind", "a kind (customers, contacts, leads) and a format (csv, xlsx)"))
		return
	}
	ct := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+kind+"-template."+format+`"`)
	if err := im.Template(kind, lang, format, w); err != nil {
		s.log.WarnContext(r.Context(), "import template", "err", err)
	}
}
