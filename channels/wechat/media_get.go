package wechat

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// download fetches one media id into the blob store and attaches it to its
// message, returning the attachment's id; m is then recorded done.
func (c *Channel) download(ctx context.Context, m *crm.WeChatMedia) (int64, error) {
	a, err := c.accounts.get(ctx, m.AppID)
	if err != nil {
		return 0, err
	}
	var att *crm.Attachment
	err = c.withToken(ctx, a, func(tok string) error {
		u := apiURL(a, "/cgi-bin/media/get", url.Values{"media_id": {m.MediaID}}, tok)
		att, err = c.fetchBlob(ctx, u, true)
		return err
	})
	if err != nil {
		return 0, err
	}
	if att.Name == "" {
		att.Name = m.Kind + "-" + m.MediaID
	}
	if err := c.cfg.Store.AttachWeChatMedia(ctx, m, att); err != nil {
		return 0, err
	}
	return att.ID, nil
}

// fetchBlob GETs u into the blob store. WeChat answers errors, and video
// media (follow is true), with JSON: {"video_url": …} is fetched in turn.
func (c *Channel) fetchBlob(ctx context.Context, u string, follow bool) (*crm.Attachment, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	if resp.StatusCode != http.StatusOK || strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "text/plain") {
		var video struct {
			VideoURL string `json:"video_url"`
		}
		err := decodeAnswer(resp, &video)
		if err == nil && follow && video.VideoURL != "" {
			return c.fetchBlob(ctx, video.VideoURL, false)
		}
		if err == nil {
			err = fmt.Errorf("WeChat media: no content")
		}
		return nil, err
	}
	return c.putBlob(ctx, resp.Body, ct, resp.Header.Get("Content-Disposition"))
}

func (c *Channel) putBlob(ctx context.Context, r io.Reader, ct, disposition string) (*crm.Attachment, error) {
	b, err := c.cfg.Blobs.Put(ctx, r)
	if err != nil {
		return nil, err
	}
	att := &crm.Attachment{SHA256: b.SHA256, Size: b.Size, ContentType: ct}
	if _, ps, err := mime.ParseMediaType(disposition); err == nil {
		att.Name = strings.Trim(ps["filename"], `"`)
	}
	return att, nil
}
