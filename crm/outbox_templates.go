package crm

import (
	"context"
	"slices"
	"strings"
)

// ChannelTemplate is a message template a channel account holds (a WeChat
// template or subscription message), as the composer offers it outside
// the channel's window: the rep fills its fields and sends it by ID.
type ChannelTemplate struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Fields  []string `json:"fields"`            // the values it takes, in order
	Content string   `json:"content,omitempty"` // its text with {{field.DATA}} holes
	Example string   `json:"example,omitempty"`
}

// TemplateLister is implemented by Senders whose accounts hold templates,
// listed from the channel itself (not typed in by hand).
type TemplateLister interface {
	Templates(ctx context.Context, account string) ([]ChannelTemplate, error)
}

// Templates lists the templates the conversation id's account may send:
// none for channels without templates. ENOTFOUND for a conversation v
// cannot see.
func (o *Outbox) Templates(ctx context.Context, v Viewer, id int64) ([]ChannelTemplate, error) {
	c, err := o.cfg.Store.Conversation(ctx, v, id)
	if err != nil {
		return nil, err
	}
	tl, ok := o.cfg.Senders[c.Channel].(TemplateLister)
	if !ok {
		return []ChannelTemplate{}, nil
	}
	return tl.Templates(ctx, c.Account)
}

// AccountTemplates lists the templates an account of channel may send,
// for a conversation not started yet: none for channels without templates.
func (o *Outbox) AccountTemplates(ctx context.Context, channel, account string) ([]ChannelTemplate, error) {
	tl, ok := o.cfg.Senders[channel].(TemplateLister)
	if !ok {
		return []ChannelTemplate{}, nil
	}
	return tl.Templates(ctx, account)
}

// templateSummary is what the thread shows of a template message sent
// without text of its own: the template and its values, one a line.
func templateSummary(o *Outgoing) string {
	keys := make([]string, 0, len(o.TemplateValues))
	for k := range o.TemplateValues {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("[" + o.Template + "]")
	for _, k := range keys {
		b.WriteString("\n" + k + ": " + o.TemplateValues[k])
	}
	return b.String()
}
