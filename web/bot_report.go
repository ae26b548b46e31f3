package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// botReportDays is how many days, today included, the bot page reports;
// GET /api/v1/bot/counts gives any range.
const botReportDays = 7

// botReportRow is one account's day on the bot page.
type botReportRow struct {
	Day, Channel, Name       string
	Answered, Handoffs, Away int
	Conversations, BotOnly   int
	Share                    string // resolved without a person, "—" when the bot acted in none
}

// botReport is the last week's counts per account or mailbox and day,
// newest first, each named as the accounts list names it.
func (s *Server) botReport(ctx context.Context, b crm.BotStore, accounts []botAccount) ([]botReportRow, error) {
	today := s.now().UTC().Truncate(24 * time.Hour)
	counts, err := b.BotCounts(ctx, today.AddDate(0, 0, 1-botReportDays), today.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	names := map[[2]string]string{}
	for _, a := range accounts {
		names[[2]string{a.Channel, a.Account}] = a.Name
	}
	rows := make([]botReportRow, 0, len(counts))
	for _, c := range counts {
		row := botReportRow{Day: c.Day, Channel: c.Channel, Name: cmp.Or(names[[2]string{c.Channel, c.Account}], c.Account),
			Answered: c.Answered, Handoffs: c.Handoffs, Away: c.Away, Conversations: c.Conversations, BotOnly: c.BotOnly, Share: "—"}
		if c.Conversations > 0 {
			row.Share = fmt.Sprintf("%.0f%%", 100*c.ResolvedShare)
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b botReportRow) int {
		return cmp.Or(cmp.Compare(b.Day, a.Day), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Name, b.Name))
	})
	return rows, nil
}
