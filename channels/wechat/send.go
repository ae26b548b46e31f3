package wechat

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// Send sends m through the outbox: a template message when m names one,
// else customer-service text and images inside the 48-hour window, which
// is checked again here (the rep's check may be hours old).
func (c *Channel) Send(ctx context.Context, m *crm.Outgoing) (*crm.SendResult, error) {
	a, err := c.accounts.get(ctx, m.Account)
	if err != nil {
		return nil, permanentOr(err)
	}
	if len(m.To) == 0 {
		return nil, crm.PermanentSendError("no recipient", nil)
	}
	to := m.To[0].Address
	if err := c.checkSubscribed(ctx, a.AppID, to); err != nil {
		return nil, permanentOr(err)
	}
	if m.Template == "" {
		conv, err := c.cfg.Store.Conversation(ctx, crm.System, m.ConversationID)
		if err != nil {
			return nil, permanentOr(err)
		}
		if err := checkWindow(a, conv, "", c.cfg.Now()); err != nil {
			return nil, crm.PermanentSendError(crm.ErrorMessage(err), err)
		}
		return c.sendCustom(ctx, a, to, m)
	}
	return c.sendTemplate(ctx, a, to, m)
}

// permanentOr makes our own refusals (not found, invalid) permanent and
// leaves other errors (the database away) temporary.
func permanentOr(err error) error {
	switch crm.ErrorCode(err) {
	case crm.ENOTFOUND, crm.EINVALID:
		return crm.PermanentSendError(crm.ErrorMessage(err), err)
	}
	return err
}

func (c *Channel) sendCustom(ctx context.Context, a *crm.WeChatAccount, to string, m *crm.Outgoing) (*crm.SendResult, error) {
	if l := m.Link; l != nil {
		// A link card: one news article; its description is the reply
		// (Text repeats it with the link, for the other channels).
		msg := map[string]any{"touser": to, "msgtype": "news", "news": map[string]any{"articles": []map[string]string{
			{"title": l.Title, "description": l.Description, "url": l.URL}}}}
		if err := c.call(ctx, a, http.MethodPost, "/cgi-bin/message/custom/send", nil, msg, nil); err != nil {
			return nil, sendError(err)
		}
	} else if m.Text != "" {
		msg := map[string]any{"touser": to, "msgtype": "text", "text": map[string]string{"content": m.Text}}
		if err := c.call(ctx, a, http.MethodPost, "/cgi-bin/message/custom/send", nil, msg, nil); err != nil {
			return nil, sendError(err)
		}
	}
	for _, att := range m.Attachments {
		id, err := c.uploadImage(ctx, a, att)
		if err != nil {
			return nil, sendError(err)
		}
		msg := map[string]any{"touser": to, "msgtype": "image", "image": map[string]string{"media_id": id}}
		if err := c.call(ctx, a, http.MethodPost, "/cgi-bin/message/custom/send", nil, msg, nil); err != nil {
			return nil, sendError(err)
		}
	}
	return &crm.SendResult{}, nil
}

func (c *Channel) sendTemplate(ctx context.Context, a *crm.WeChatAccount, to string, m *crm.Outgoing) (*crm.SendResult, error) {
	t := templateFor(a, m.Template)
	msg := map[string]any{"touser": to, "template_id": t.ID, "data": templateData(t, m)}
	path, link := "/cgi-bin/message/template/send", "url"
	if t.Subscribe {
		path, link = "/cgi-bin/message/subscribe/bizsend", "page"
	}
	if t.URL != "" {
		msg[link] = t.URL
	}
	var out struct {
		MsgID int64 `json:"msgid"`
	}
	if err := c.call(ctx, a, http.MethodPost, path, nil, msg, &out); err != nil {
		return nil, sendError(err)
	}
	if t.Subscribe {
		return &crm.SendResult{}, nil // a notice has no msgid and no job report
	}
	return &crm.SendResult{ExternalID: strconv.FormatInt(out.MsgID, 10)}, nil
}

// templateData fills the template's fields from the message's values.
func templateData(t crm.WeChatTemplate, m *crm.Outgoing) map[string]map[string]string {
	data := map[string]map[string]string{}
	value := func(key string) string {
		if v, ok := m.TemplateValues[key]; ok {
			return v
		}
		if key == "text" {
			return m.Text
		}
		return ""
	}
	if len(t.Fields) == 0 {
		for k, v := range m.TemplateValues {
			data[k] = map[string]string{"value": v}
		}
	}
	for field, key := range t.Fields {
		data[field] = map[string]string{"value": value(key)}
	}
	return data
}

// temporaryCodes are the errcodes worth another try; every other one is a
// refusal a retry cannot change: out of the 48-hour window (45015), quota
// and frequency limits (45009, 45047), the user refusing (43117), bad input.
var temporaryCodes = []int{-1, 45011} // system busy; API frequency, seconds

// sendError classifies a failed call for the outbox: network trouble, 5xx
// and "system busy" are temporary, WeChat's other errcodes permanent, with
// WeChat's own message for the rep.
func sendError(err error) error {
	var api *APIError
	var status *statusError
	var netErr net.Error
	switch {
	case errors.As(err, &api) && !slices.Contains(temporaryCodes, api.Code):
		return crm.PermanentSendError(api.Error(), err)
	case errors.As(err, &status) && status.status < 500 && status.status != http.StatusTooManyRequests:
		return crm.PermanentSendError(status.Error(), err)
	case errors.As(err, &netErr), errors.As(err, &api), errors.As(err, &status):
		return &crm.SendError{Reason: err.Error(), Err: err}
	}
	return err
}
