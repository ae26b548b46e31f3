package wechat

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// maxImage is WeChat's limit for an uploaded image (media/upload).
const maxImage = 10 << 20

// uploadImage sends an attachment to WeChat as temporary media and returns
// its media_id, for a customer-service image message.
func (c *Channel) uploadImage(ctx context.Context, a *crm.WeChatAccount, att crm.Attachment) (string, error) {
	if c.cfg.Blobs == nil {
		return "", crm.PermanentSendError("no blob store to read the image from", nil)
	}
	if att.Size > maxImage {
		return "", crm.PermanentSendError("the image is larger than WeChat's 10 MB", nil)
	}
	rc, err := c.cfg.Blobs.Open(ctx, att.SHA256)
	if err != nil {
		return "", permanentOr(err)
	}
	defer rc.Close()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("media", att.Name)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(fw, io.LimitReader(rc, maxImage)); err != nil {
		return "", err
	}
	if err := mw.Close(); err != nil {
		return "", err
	}
	var out struct {
		MediaID string `json:"media_id"`
	}
	err = c.withToken(ctx, a, func(tok string) error {
		u := apiURL(a, "/cgi-bin/media/upload", url.Values{"type": {"image"}}, tok)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body.Bytes()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := c.cfg.HTTPClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		return decodeAnswer(resp, &out)
	})
	return out.MediaID, err
}
