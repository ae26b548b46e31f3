package web_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

// newImportEnv is an env whose server imports, with a blob store; the
// test ticks the returned runner instead of a background loop.
func newImportEnv(t *testing.T, realTime bool) (*env, *importer.Service) {
	t.Helper()
	e := newEnvOn(t, testapp.New(t, testapp.Options{Blobs: true, RealTime: realTime}))
	svc := importer.New(importer.Config{Store: e.db, Blobs: e.app.Blobs, Now: e.app.Now, Chunk: 2, Holder: "web-test"})
	e.serve(web.Config{}, web.Deps{Importer: svc})
	return e, svc
}

// TestImportAPI runs an import through the API as a manager: upload, dry
// run, start, progress, the error report and undo; a rep may not import.
func TestImportAPI(t *testing.T) {
	e, svc := newImportEnv(t, false)
	csv := "客户名称,联系人,手机,传真\n深圳华强电子,王芳,13800138000,x\n,缺名字,13900139000,\n北京百度,李伟,12345,\n"
	e.call("rep1", "POST", "/api/v1/imports?kind=customers&name=a.csv", csv, 403, nil)
	var j crm.ImportJob
	e.call("manager", "POST", "/api/v1/imports?kind=customers&name=a.csv", csv, 201, &j)
	if j.Encoding != "utf-8" || strings.Join(j.Mapping, ",") != "name,contact_name,contact_phone," || j.Total != 3 {
		t.Fatalf("uploaded job = %+v", j)
	}
	e.call("manager", "POST", "/api/v1/imports?kind=customers", "客户名称\n\"broken,\n", 400, nil)
	id := fmt.Sprint(j.ID)
	var rep crm.ImportReport
	e.call("manager", "POST", "/api/v1/imports/"+id+"/check", record{"options": record{"mode": "skip"}}, 200, &rep)
	if rep.Created != 1 || rep.Failed != 2 {
		t.Fatalf("dry run = %+v", rep)
	}
	e.call("rep1", "GET", "/api/v1/imports/"+id, nil, 403, nil)
	e.call("manager", "POST", "/api/v1/imports/"+id+"/start", record{"mapping": j.Mapping}, 200, &j)
	if j.Status != crm.ImportQueued {
		t.Fatalf("started job is %s", j.Status)
	}
	if err := svc.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.call("manager", "GET", "/api/v1/imports/"+id, nil, 200, &j)
	if j.Status != crm.ImportDone || j.Done != 3 || j.Created != 1 || j.Failed != 2 {
		t.Fatalf("finished job = %+v", j)
	}
	report := string(e.call("manager", "GET", "/api/v1/imports/"+id+"/errors.csv", nil, 200, nil))
	if !strings.HasPrefix(report, "\uFEFF客户名称,联系人,手机,传真,原因 Why,行 Row") ||
		!strings.Contains(report, "name: is required") || !strings.Contains(report, `"contact_phone: ""12345"" is not a phone number`) {
		t.Fatalf("error report:\n%s", report)
	}
	var l crm.List[*crm.ImportJob]
	e.call("admin", "GET", "/api/v1/imports", nil, 200, &l)
	if len(l.Items) != 1 {
		t.Fatalf("admin lists %d imports", len(l.Items))
	}
	e.call("manager", "POST", "/api/v1/imports/"+id+"/undo", nil, 200, &j)
	var cs crm.List[*crm.Customer]
	e.call("admin", "GET", "/api/v1/customers", nil, 200, &cs)
	if j.Status != crm.ImportUndone || len(cs.Items) != 0 {
		t.Fatalf("after undo: %s, %d customers", j.Status, len(cs.Items))
	}
	e.call("manager", "POST", "/api/v1/imports/"+id+"/undo", nil, 409, nil)
}

// TestImportTemplates downloads each kind's template in both languages
// and formats and uploads it back: every heading maps to its field.
func TestImportTemplates(t *testing.T) {
	e, _ := newImportEnv(t, false)
	for _, kind := range crm.ImportKinds {
		var fields []crm.ImportField
		e.call("admin", "GET", "/api/v1/imports/fields/"+kind, nil, 200, &fields)
		for _, lang := range []string{"en", "zh-CN"} {
			for _, format := range []string{"csv", "xlsx"} {
				q := "/api/v1/imports/templates/" + kind + "?lang=" + lang + "&format=" + format
				b := e.call("admin", "GET", q, nil, 200, nil)
				if lang == "zh-CN" && format == "csv" && !bytes.Contains(b, []byte(fields[0].Chinese)) {
					t.Fatalf("%s: no Chinese heading in %q", q, b)
				}
				var j crm.ImportJob
				e.call("admin", "POST", "/api/v1/imports?kind="+kind, string(b), 201, &j)
				for i, f := range fields {
					if j.Mapping[i] != f.Name {
						t.Errorf("%s: column %q maps to %q, want %q", q, j.Headings[i], j.Mapping[i], f.Name)
					}
				}
			}
		}
	}
}
