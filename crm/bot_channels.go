package crm

import "slices"

// BotChannels are the channels whose inbound messages the bot decides
// about: only there can it have settings and rules (BotSettings.Validate,
// BotRule.Validate) and a way to answer. A web form's submission is never
// its to decide, so it is not read or recorded for the bot at all: at a few
// hundred submissions a second that reading and recording doubled what each
// one cost the database.
func BotChannels() []string { return []string{ChannelWeChat, ChannelEmail} }

// BotDecides reports whether the bot decides about inbound messages of
// channel.
func BotDecides(channel string) bool { return slices.Contains(BotChannels(), channel) }
