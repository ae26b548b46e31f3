package wechat

import (
	"context"
	"errors"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// mediaBatch is how many pending downloads one pass reads.
const mediaBatch = 50

func (c *Channel) wakeMedia() {
	select {
	case c.media <- struct{}{}:
	default:
	}
}

// RunMedia downloads users' images, voice and video into the blob store
// and attaches them to their messages, until ctx ends. WeChat's media ids
// expire after 3 days, so it starts with what an earlier run left pending.
func (c *Channel) RunMedia(ctx context.Context) error {
	for {
		ms, err := c.cfg.Store.WeChatMediaByState(ctx, crm.MediaPending, mediaBatch)
		if err != nil {
			c.cfg.Logger.Error("wechat: reading pending media", "err", err)
		}
		for _, m := range ms {
			c.downloadWithRetries(ctx, m)
		}
		if len(ms) == mediaBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.media:
		case <-time.After(time.Minute):
		}
	}
}

func (c *Channel) downloadWithRetries(ctx context.Context, m *crm.WeChatMedia) {
	for m.Attempts < c.cfg.MediaAttempts && ctx.Err() == nil {
		m.Attempts++
		_, err := c.download(ctx, m)
		if err == nil {
			return
		}
		m.Error = err.Error()
		c.cfg.Logger.Warn("wechat: media download failed", "app_id", m.AppID, "message_id", m.MessageID,
			"media_id", m.MediaID, "attempt", m.Attempts, "err", err)
		var api *APIError
		if errors.As(err, &api) && api.Code == 40007 { // invalid or expired media id: hopeless
			m.Attempts = c.cfg.MediaAttempts
			break
		}
		if m.Attempts < c.cfg.MediaAttempts {
			select {
			case <-ctx.Done():
			case <-time.After(c.cfg.MediaBackoff(m.Attempts)):
			}
		}
	}
	if m.State != crm.MediaDone && m.Attempts >= c.cfg.MediaAttempts {
		m.State = crm.MediaFailed
	}
	if err := c.cfg.Store.FinishWeChatMedia(context.WithoutCancel(ctx), m); err != nil {
		c.cfg.Logger.Error("wechat: recording media download", "media_id", m.MediaID, "err", err)
	}
}
