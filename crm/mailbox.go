package crm

// MailboxStore keeps email mailbox accounts and their sync state.
// (Filled in by its issue; web.Deps and cmd/rapport pass it by this name.)
type MailboxStore interface{}
