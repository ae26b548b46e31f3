package web

import (
	"context"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// botAccount is one WeChat account or mailbox on the bot's page, with the
// links to its settings (and menu).
type botAccount struct {
	Channel, Account, Name string
}

// botAccounts lists the WeChat accounts and mailboxes this server knows,
// when its store keeps them.
func (s *Server) botAccounts(ctx context.Context) ([]botAccount, error) {
	var out []botAccount
	if ws, ok := s.store.(crm.WeChatStore); ok {
		as, err := ws.WeChatAccounts(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			out = append(out, botAccount{crm.ChannelWeChat, a.AppID, firstOf(a.Name, a.AppID)})
		}
	}
	if ms, ok := s.store.(crm.MailboxStore); ok {
		mbs, err := ms.Mailboxes(ctx)
		if err != nil {
			return nil, err
		}
		for _, m := range mbs {
			out = append(out, botAccount{crm.ChannelEmail, strconv.FormatInt(m.ID, 10), firstOf(m.Name, m.Address)})
		}
	}
	return out, nil
}
