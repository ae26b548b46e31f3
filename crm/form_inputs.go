package crm

import "slices"

// Inputs are the inputs a form page shows: the form's fields, or name,
// email, phone and message for a form that defines none.
func (f *Form) Inputs() []FormField {
	if len(f.Fields) > 0 {
		return f.Fields
	}
	return []FormField{{Name: FieldName, Required: true}, {Name: FieldEmail}, {Name: FieldPhone}, {Name: FieldMessage}}
}

// LeadField is the lead field the input name fills: its mapping, or the
// lead field it is named after when no other field maps to that; "" for a
// custom field.
func (f *Form) LeadField(name string) string {
	if fd, ok := f.Field(name); ok && fd.MapTo != "" {
		return fd.MapTo
	}
	if !slices.Contains(leadFields, name) {
		return ""
	}
	for _, fd := range f.Fields {
		if fd.MapTo == name {
			return ""
		}
	}
	return name
}

// InputType is the HTML input type for a lead field ("textarea" for the
// message).
func InputType(leadField string) string {
	switch leadField {
	case FieldEmail:
		return "email"
	case FieldPhone:
		return "tel"
	case FieldMessage:
		return "textarea"
	}
	return "text"
}
