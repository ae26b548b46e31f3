package crm

// WeChatStore keeps WeChat official accounts and their shared access tokens.
// (Filled in by its issue; web.Deps and cmd/rapport pass it by this name.)
type WeChatStore interface{}
