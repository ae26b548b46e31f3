package web

import (
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// importsPage is /imports: the upload form, the templates and the list.
type importsPage struct {
	pageData
	Kinds []string
	Jobs  []*crm.ImportJob
	Flash string
}

// importPage is /imports/{id}: the mapping and options, the dry run's
// report, the progress while it runs, then the counts, errors and undo.
type importPage struct {
	pageData
	Job     *crm.ImportJob
	Columns []importColumn
	Fields  []importFieldView
	Users   []*crm.User
	Report  *crm.ImportReport
	Flash   string
	OwnerID int64 // the default owner chosen; 0: the pool
	Editing bool  // the mapping and options may still change
	Active  bool  // queued or running: the progress bar polls
	CanUndo bool
}

type importColumn struct {
	Index          int
	Heading, Field string
}

type importFieldView struct {
	Name, Label string
	Required    bool
}

func (s *Server) getImportsPage(w http.ResponseWriter, r *http.Request) {
	d := &importsPage{pageData: s.pageData(w, r, "import.title"), Kinds: crm.ImportKinds}
	l, err := s.listImports(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Jobs = l.Items
	s.render(w, r, http.StatusOK, "imports", d)
}

func (s *Server) postImportPage(w http.ResponseWriter, r *http.Request) {
	j, err := s.upload(w, r)
	if err != nil {
		d := &importsPage{pageData: s.pageData(w, r, "import.title"), Kinds: crm.ImportKinds}
		d.Flash = refusalText(d.Lang, err)
		if l, lerr := s.listImports(r); lerr == nil {
			d.Jobs = l.Items
		}
		s.render(w, r, httpStatus(err), "imports", d)
		return
	}
	http.Redirect(w, r, "/imports/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
}

func (s *Server) getImportPage(w http.ResponseWriter, r *http.Request) {
	j, err := s.getImport(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.renderImport(w, r, http.StatusOK, j, nil, "")
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, j *crm.ImportJob, rep *crm.ImportReport, flash string) {
	d := &importPage{pageData: s.pageData(w, r, "import.title"), Job: j, Report: rep, Flash: flash,
		Editing: j.Status == crm.ImportUploaded, Active: j.Status == crm.ImportQueued || j.Status == crm.ImportRunning,
		CanUndo: j.Status == crm.ImportDone || j.Status == crm.ImportFailed}
	if j.Options.OwnerID != nil {
		d.OwnerID = *j.Options.OwnerID
	}
	for i, h := range j.Headings {
		c := importColumn{Index: i, Heading: h}
		if i < len(j.Mapping) {
			c.Field = j.Mapping[i]
		}
		d.Columns = append(d.Columns, c)
	}
	if im, err := s.importer(); err == nil {
		for _, f := range im.Fields(j.Kind) {
			label := f.English
			if d.Lang == "zh-CN" {
				label = f.Chinese
			}
			d.Fields = append(d.Fields, importFieldView{Name: f.Name, Label: label, Required: f.Required})
		}
	}
	if d.Editing {
		us, err := s.store.ListUsers(r.Context())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		d.Users = us
	}
	s.render(w, r, status, "import", d)
}

// postImportAction is the job page's form: the mapping (col0…), mode,
// region and owner, and the action: check (dry run), start or undo.
func (s *Server) postImportAction(w http.ResponseWriter, r *http.Request) {
	im, id, err := s.importAndID(r)
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, ctx := viewerOf(r), r.Context()
	j, err := im.Job(ctx, v, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	set := importSettingsForm(r, j)
	var rep *crm.ImportReport
	switch r.PostForm.Get("action") {
	case "check":
		rep, err = im.Check(ctx, v, id, set)
	case "start":
		_, err = im.Start(ctx, v, id, set)
	case "undo":
		_, err = im.Undo(ctx, v, id)
	default:
		err = invalid("action", "check, start or undo")
	}
	if err == nil && rep == nil {
		http.Redirect(w, r, "/imports/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	if j, jerr := im.Job(ctx, v, id); jerr == nil {
		j.Mapping, j.Options = set.Mapping, set.Options
		status, flash := http.StatusOK, ""
		if err != nil {
			status, flash = httpStatus(err), refusalText(langOf(r), err)
		}
		s.renderImport(w, r, status, j, rep, flash)
		return
	}
	s.writeError(w, r, err)
}

func importSettingsForm(r *http.Request, j *crm.ImportJob) crm.ImportSettings {
	set := crm.ImportSettings{Mapping: make([]string, len(j.Headings)), Options: crm.ImportOptions{
		Mode: r.PostForm.Get("mode"), Region: r.PostForm.Get("region")}}
	for i := range set.Mapping {
		set.Mapping[i] = r.PostForm.Get("col" + strconv.Itoa(i))
	}
	if id, err := strconv.ParseInt(r.PostForm.Get("owner_id"), 10, 64); err == nil && id > 0 {
		set.Options.OwnerID = &id
	}
	return set
}
