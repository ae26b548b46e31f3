package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Two instances on one PostgreSQL with RAPPORT_FILES_URL on an S3 server
// on 127.0.0.1: the attachment of a mail one instance fetched is read
// through both, and nothing lands in the data directory's files/.
func TestInstancesShareFilesThroughS3(t *testing.T) {
	c := startCluster(t, 2, append(fakeS3(t), "RAPPORT_FILES_URL=s3://rapport/files")...)
	box := startMemIMAP(t, "imap password s3")
	const content = "PDF-1.4 合同 contract body"
	raw := "From: buyer@example.cn\r\nTo: " + memIMAPUser + "\r\nSubject: 合同\r\nMessage-ID: <s3-1@example.cn>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n附件是合同\r\n" +
		"--b1\r\nContent-Type: application/pdf; name=\"contract.pdf\"\r\nContent-Disposition: attachment; filename=\"contract.pdf\"\r\n\r\n" +
		content + "\r\n--b1--\r\n"
	if _, err := box.user.Append("INBOX", imapLiteral{strings.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	var vars []string
	for _, kv := range c.nodes[0].cmd.Env {
		if strings.HasPrefix(kv, "RAPPORT_") {
			vars = append(vars, kv)
		}
	}
	box.add(t, vars)
	cookie := login(t, c.nodes[0].url, c.email, c.password)
	waitIngested(t, c.nodes[0], cookie, 1)
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	var msg struct {
		Attachments []struct {
			ID int64 `json:"id"`
		} `json:"attachments"`
	}
	for deadline := time.Now().Add(30 * time.Second); len(msg.Attachments) == 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the mail's attachment never showed")
		}
		call(t, cookie, http.MethodGet, c.nodes[1].url+"/api/v1/messages", "", http.StatusOK, &list)
		if len(list.Items) > 0 {
			call(t, cookie, http.MethodGet, c.nodes[1].url+"/api/v1/messages/"+strconv.FormatInt(list.Items[0].ID, 10), "", http.StatusOK, &msg)
		}
	}
	for _, node := range c.nodes {
		req, _ := http.NewRequest(http.MethodGet, node.url+"/api/v1/attachments/"+strconv.FormatInt(msg.Attachments[0].ID, 10), nil)
		req.AddCookie(&http.Cookie{Name: "rapport_session", Value: cookie})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(body) != content {
			t.Errorf("%s: %d %q", node.url, resp.StatusCode, body)
		}
	}
	for _, kv := range vars {
		if dir, ok := strings.CutPrefix(kv, "RAPPORT_DATA="); ok {
			if entries, _ := os.ReadDir(filepath.Join(dir, "files")); len(entries) > 0 {
				t.Errorf("files were written to disk: %d entries", len(entries))
			}
		}
	}
}
