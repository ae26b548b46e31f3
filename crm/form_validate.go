package crm

import (
	"net/url"
	"strconv"
	"strings"
)

// leadFields are the lead fields a form field may map to.
var leadFields = []string{FieldName, FieldPhone, FieldEmail, FieldCompany, FieldTitle, FieldMessage}

// maxFormFields bounds a form's inputs; the lead keeps 50 custom fields.
const maxFormFields = 50

// Normalize cleans f (origins lower-cased without a trailing slash, tags
// de-duplicated) and validates it.
func (f *Form) Normalize() error {
	p := Problems{}
	f.Name = strings.TrimSpace(f.Name)
	p.Require("name", f.Name)
	p.MaxLen("name", f.Name, 200)
	f.checkFields(p)
	f.AllowedOrigins = normalizeOrigins(f.AllowedOrigins, p)
	if f.RedirectURL != "" && !isWebURL(f.RedirectURL) {
		p.Add("redirect_url", "must be an http or https URL")
	}
	f.Tags = cleanTags(f.Tags)
	if c := f.Confirmation; c != nil {
		p.Require("confirmation.mailbox", c.Mailbox)
		p.Require("confirmation.subject", c.Subject)
		p.Require("confirmation.text", c.Text)
		p.MaxLen("confirmation.subject", c.Subject, 500)
		p.MaxLen("confirmation.text", c.Text, 20000)
	}
	return p.Err()
}

func (f *Form) checkFields(p Problems) {
	if len(f.Fields) > maxFormFields {
		p.Add("fields", "has more than "+strconv.Itoa(maxFormFields)+" fields")
	}
	seen, mapped := map[string]bool{}, map[string]bool{}
	for i := range f.Fields {
		fd := &f.Fields[i]
		key := "fields." + strconv.Itoa(i)
		fd.Name, fd.MapTo = strings.TrimSpace(fd.Name), strings.TrimSpace(fd.MapTo)
		switch {
		case fd.Name == "" || len(fd.Name) > 100 || strings.HasPrefix(fd.Name, "_"):
			p.Add(key+".name", "must be 1-100 characters, not starting with _")
		case seen[fd.Name]:
			p.Add(key+".name", "is used twice")
		}
		seen[fd.Name] = true
		p.OneOf(key+".map_to", fd.MapTo, leadFields...)
		if fd.MapTo != "" && mapped[fd.MapTo] {
			p.Add(key+".map_to", "is mapped twice")
		}
		mapped[fd.MapTo] = fd.MapTo != ""
	}
}

// Field returns the form's field with name, if it has one.
func (f *Form) Field(name string) (FormField, bool) {
	for _, fd := range f.Fields {
		if fd.Name == name {
			return fd, true
		}
	}
	return FormField{}, false
}

// AllowsOrigin reports whether a page at origin may post the form.
func (f *Form) AllowsOrigin(origin string) bool {
	origin = strings.ToLower(strings.TrimSuffix(origin, "/"))
	for _, o := range f.AllowedOrigins {
		if o == "*" || o == origin {
			return true
		}
	}
	return false
}

func normalizeOrigins(in []string, p Problems) []string {
	out := make([]string, 0, len(in))
	for _, o := range in {
		o = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(o), "/"))
		if o == "" {
			continue
		}
		if o != "*" && !isOrigin(o) {
			p.Add("allowed_origins", o+" is not an origin like https://www.example.com")
			continue
		}
		out = append(out, o)
	}
	return cleanTags(out)
}

// isOrigin reports whether s is scheme://host[:port] and nothing more.
func isOrigin(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		u.Path == "" && u.RawQuery == "" && u.User == nil && u.Fragment == ""
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
