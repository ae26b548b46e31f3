package crm

// FormStore keeps web-form definitions.
// (Filled in by its issue; web.Deps and cmd/rapport pass it by this name.)
type FormStore interface{}
