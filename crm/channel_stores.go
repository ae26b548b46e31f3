package crm

// The channels' own records. Each channel's issue fills its interface in;
// the web layer and cmd/rapport pass them around by these names.

// MailboxStore keeps email mailbox accounts and their sync state.
type MailboxStore interface{}

// WeChatStore keeps WeChat official accounts and their shared access tokens.
type WeChatStore interface{}

// FormStore keeps web-form definitions.
type FormStore interface{}

// InboxStore lists and updates conversations for the shared inbox.
type InboxStore interface{}
