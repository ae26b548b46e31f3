package web

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// snippetTmpl is the HTML a site pastes: a plain form (it works without
// JavaScript), the hidden honeypot, and a line of script that sends the
// page's address and referrer along, for the lead's source and UTM.
var snippetTmpl = template.Must(template.New("snippet").Parse(`<form action="{{.Action}}" method="post" accept-charset="utf-8">
{{- range .Fields}}
  <p><label>{{.Label}}{{if .Required}} *{{end}}<br>
  {{- if eq .Type "textarea"}}
  <textarea name="{{.Name}}"{{if .Required}} required{{end}}></textarea></label></p>
  {{- else}}
  <input type="{{.Type}}" name="{{.Name}}"{{if .Required}} required{{end}}></label></p>
  {{- end}}
{{- end}}
  <div style="position:absolute;left:-10000px" aria-hidden="true"><input name="_hp" tabindex="-1" autocomplete="off"></div>
  <input type="hidden" name="_page_url"><input type="hidden" name="_referrer">
  <p><button type="submit">{{.Submit}}</button></p>
</form>
<script>
(function (f) { f._page_url.value = location.href; f._referrer.value = document.referrer; })(document.currentScript.previousElementSibling);
</script>
`))

type snippetField struct {
	Name, Label, Type string
	Required          bool
}

// formSnippet returns the HTML for f, its labels in lang.
func formSnippet(baseURL string, f *crm.Form, lang string) string {
	d := struct {
		Action, Submit string
		Fields         []snippetField
	}{Action: strings.TrimSuffix(baseURL, "/") + "/f/" + f.Key, Submit: translate(lang, "forms.submit")}
	for _, fd := range f.Inputs() {
		to := f.LeadField(fd.Name)
		sf := snippetField{Name: fd.Name, Label: fd.Label, Required: fd.Required, Type: crm.InputType(to)}
		if sf.Label == "" && to != "" {
			sf.Label = translate(lang, "forms.field."+to)
		} else if sf.Label == "" {
			sf.Label = fd.Name
		}
		d.Fields = append(d.Fields, sf)
	}
	var b bytes.Buffer
	if err := snippetTmpl.Execute(&b, d); err != nil {
		panic(err) // plain strings into a fixed template: a bug
	}
	return b.String()
}
