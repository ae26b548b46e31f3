package main

import (
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// botSweeps is the bot's catch-up: every minute one instance decides the inbound messages that
// were committed but not decided (a crash between ingest and the bot, or
// a message another instance ingested).
func botSweeps(d *channelDeps) []crm.Sweep {
	if d.bot == nil {
		return nil
	}
	return []crm.Sweep{{Name: "bot-catch-up", Every: time.Minute, Run: d.bot.Sweep}}
}
