package web

import "github.com/rapport-crm/rapport/crm"

// importRoutes are the import's API and pages, for admins and managers
// (the importer refuses others): upload, mapping and dry run, the import
// in the background with its progress, the error report and undo.
func (s *Server) importRoutes() []route {
	const p = "/api/v1/imports"
	jobParams := []param{{"kind", "string", "customers, contacts or leads"},
		{"name", "string", "the file's name, for the list (a raw upload)"}}
	return []route{
		rawRoute(post, p, "Upload a CSV or XLSX file to import (the body, or multipart with file and kind); "+
			"answers the job with its headings and guessed mapping, or refuses a broken file whole (admin, manager)",
			jsonT, s.postImportAPI).query(jobParams),
		apiRoute(get, p, "List imports, newest first (admin: all; manager: their own)", s.listImports).query(pageParams),
		apiRoute(get, p+"/{id}", "An import: status, progress (done_rows of total_rows) and counts", s.getImport),
		apiRoute(post, p+"/{id}/check", "Dry run: what importing with this mapping and these options would do, "+
			"row by row; nothing is written", s.checkImport).in(crm.ImportSettings{}),
		apiRoute(post, p+"/{id}/start", "Start the import in the background with this mapping and these options",
			s.startImport).in(crm.ImportSettings{}),
		apiRoute(post, p+"/{id}/undo", "Undo a finished import: remove what it created, restore what it updated, "+
			"unless a record changed since", s.undoImport),
		rawRoute(get, p+"/{id}/errors.csv", "The rows that failed, with a column saying why (CSV, UTF-8 with BOM)",
			"text/csv", s.getImportErrors),
		apiRoute(get, p+"/fields/{kind}", "The fields a column may fill, with their headings in English and Chinese",
			s.getImportFields),
		rawRoute(get, p+"/templates/{kind}", "An empty file to fill, with headings in lang (csv or xlsx)",
			"text/csv", s.getImportTemplate).query([]param{{"lang", "string", "en or zh-CN"},
			{"format", "string", "csv (default) or xlsx"}}),

		rawRoute(get, "/imports", "Imports: upload a file, the list of imports (admin, manager)", html,
			s.getImportsPage).page().query(recLangParam),
		rawRoute(post, "/imports", "Upload a file to import (form)", html, s.postImportPage).page(),
		rawRoute(get, "/imports/{id}", "One import: mapping, dry run, progress, errors, undo", html,
			s.getImportPage).page().query(recLangParam),
		rawRoute(post, "/imports/{id}", "Dry run, start or undo an import (form: action check, start or undo)", html,
			s.postImportAction).page(),
	}
}
