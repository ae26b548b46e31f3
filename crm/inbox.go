package crm

// InboxStore lists and updates conversations for the shared inbox: filters, counts, search, notes, labels, canned replies.
// (Filled in by its issue; web.Deps and cmd/rapport pass it by this name.)
type InboxStore interface{}
