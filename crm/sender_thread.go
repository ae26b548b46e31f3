package crm

import (
	"context"
	"time"
	"unicode/utf8"
)

// DefaultReopenWithin is how long after its last message a resolved
// conversation of a sender without thread headers (a WeChat follower) is
// reopened by their next message, rather than a new one started.
const DefaultReopenWithin = 7 * 24 * time.Hour

// SenderThread is what a channel without thread headers knows of one
// sender: their latest conversation and the lead made for them. Its key
// (channel, account, sender) is unique in the database, so that two
// instances ingesting a new sender's first messages at once make one lead
// and one conversation: the second to commit fails with ECONFLICT and is
// retried, and then finds the first's.
type SenderThread struct {
	Channel        string
	Account        string
	Sender         string // the sender's channel identity (a WeChat openid)
	ConversationID int64
	LeadID         int64 // 0: none
}

// SenderThreadStore reads and writes sender threads inside an ingest
// transaction (crm.IngestTx has it).
type SenderThreadStore interface {
	// SenderThread returns the sender's thread and holds it until the
	// transaction ends, so that concurrent transactions on one sender take
	// turns. ENOTFOUND.
	SenderThread(ctx context.Context, channel, account, sender string) (*SenderThread, error)
	// SaveSenderThread stores t: a new thread (ECONFLICT when another
	// transaction stored the sender's first) or a change to one.
	SaveSenderThread(ctx context.Context, t *SenderThread, isNew bool) error
}

// senderKey is the sender of a message that threads by sender; "" for any
// other message.
func senderKey(in *Inbound) string {
	if !in.SenderThread || in.Identity == nil {
		return ""
	}
	return in.Identity.Value
}

// saveSenderThread records the conversation (and the lead) of a message
// that threads by sender. The thread's lead stays the first one it got.
func saveSenderThread(ctx context.Context, tx IngestTx, in *Inbound, m *Match, convID int64) error {
	sender := senderKey(in)
	if sender == "" {
		return nil
	}
	lead := m.LeadID
	if m.Thread != nil && m.Thread.LeadID != 0 {
		lead = m.Thread.LeadID
	}
	t := &SenderThread{Channel: in.Channel, Account: in.Account, Sender: sender, ConversationID: convID, LeadID: lead}
	if m.Thread != nil && *m.Thread == *t {
		return nil // nothing changed
	}
	return tx.SaveSenderThread(ctx, t, m.Thread == nil)
}

// WeChatFollowerName is what a WeChat follower is called until a rep names
// them or WeChat gives a nickname: user/info has returned none since 2021,
// and a bare openid means nothing to anyone. It ends with the openid's
// last six characters, to tell followers apart.
func WeChatFollowerName(openID string) string {
	tail := openID
	for utf8.RuneCountInString(tail) > 6 {
		_, n := utf8.DecodeRuneInString(tail)
		tail = tail[n:]
	}
	return "微信用户 · " + tail
}
