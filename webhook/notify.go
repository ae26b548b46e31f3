package webhook

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/rapport-crm/rapport/crm"
)

// NoticeStore is what TellAdmins needs: the webhook, the users and tasks.
type NoticeStore interface {
	Webhook(ctx context.Context, id int64) (*crm.Webhook, error)
	ListUsers(ctx context.Context) ([]*crm.User, error)
	CreateTask(ctx context.Context, t *crm.Task) error
}

// notice is the task's title and details in each language users choose.
var notice = map[string][2]string{
	"en":    {"Webhook disabled: %s", "Rapport stopped delivering to this webhook: %s. Fix the receiver, then enable the webhook again under Settings → Webhooks; failed deliveries can be redelivered from its log."},
	"zh-CN": {"Webhook 已停用：%s", "Rapport 已停止向此 Webhook 投递：%s。请修复接收端，然后在 设置 → Webhooks 中重新启用；失败的投递可在其日志中重新投递。"},
}

// TellAdmins returns a Config.Disabled that gives every active admin a
// task saying which webhook was disabled and why, in their language.
func TellAdmins(s NoticeStore, log *slog.Logger) func(ctx context.Context, webhookID int64) {
	return func(ctx context.Context, webhookID int64) {
		w, err := s.Webhook(ctx, webhookID)
		if err == nil {
			err = createNotices(ctx, s, w)
		}
		if err != nil && log != nil {
			log.Error("webhooks: tell admins", "webhook", webhookID, "err", err)
		}
	}
}

func createNotices(ctx context.Context, s NoticeStore, w *crm.Webhook) error {
	users, err := s.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.Role != crm.RoleAdmin || u.Disabled {
			continue
		}
		text, ok := notice[u.Locale]
		if !ok {
			text = notice["en"]
		}
		t := &crm.Task{Title: fmt.Sprintf(text[0], w.URL), Details: fmt.Sprintf(text[1], w.DisabledReason),
			AssigneeID: &u.ID}
		if err := s.CreateTask(ctx, t); err != nil {
			return err
		}
	}
	return nil
}
