package webform_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
)

const pageURL = "https://shop.example.com/contact?utm_source=baidu&utm_medium=cpc&utm_campaign=spring"

func urlencoded(v url.Values) (string, io.Reader) {
	return "application/x-www-form-urlencoded", strings.NewReader(v.Encode())
}

func jsonBody(v map[string]any) (string, io.Reader) {
	b, _ := json.Marshal(v)
	return "application/json", bytes.NewReader(b)
}

// multipartBody writes the values and one file part, which the channel
// skips: it keeps no files.
func multipartBody(v url.Values) (string, io.Reader) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range v {
		for _, s := range vs {
			mw.WriteField(k, s)
		}
	}
	fw, _ := mw.CreateFormFile("attachment", "cv.pdf")
	fw.Write([]byte("%PDF-1.4 not kept"))
	mw.Close()
	return mw.FormDataContentType(), &b
}

func aSubmission(email string) url.Values {
	return url.Values{"full_name": {"李娜"}, "email": {email}, "mobile": {"138 0013 8000"},
		"company": {"华强电子"}, "msg": {"请报价 500 台"}, "budget": {"50万"}, "colour": {"red", "blue"},
		"_page_url": {pageURL}, "_referrer": {"https://www.baidu.com/s?wd=crm"}}
}

func TestBodyTypes(t *testing.T) {
	t.Parallel()
	jsonSub := func(email string) (string, io.Reader) {
		return jsonBody(map[string]any{"full_name": "李娜", "email": email, "mobile": "138 0013 8000",
			"company": "华强电子", "msg": "请报价 500 台", "budget": "50万", "colour": []any{"red", "blue"},
			"_page_url": pageURL, "_referrer": "https://www.baidu.com/s?wd=crm"})
	}
	tests := []struct {
		name string
		body func(email string) (string, io.Reader)
	}{
		{"urlencoded", func(e string) (string, io.Reader) { return urlencoded(aSubmission(e)) }},
		{"multipart", func(e string) (string, io.Reader) { return multipartBody(aSubmission(e)) }},
		{"json", jsonSub},
		{"json as text/plain", func(e string) (string, io.Reader) {
			_, r := jsonSub(e)
			return "text/plain;charset=UTF-8", r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			ct, body := tt.body("li.na@huaqiang.example")
			resp := h.post(ct, body, "X-Test-IP: 203.0.113.9", "Accept: application/json")
			var ok struct {
				OK      bool   `json:"ok"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal([]byte(wantStatus(t, resp, http.StatusOK)), &ok); err != nil || !ok.OK {
				t.Fatalf("answer = %+v (%v), want ok", ok, err)
			}
			ls := h.leads()
			if len(ls) != 1 {
				t.Fatalf("leads = %d, want 1", len(ls))
			}
			wantLead(t, ls[0])
			// The tags are labels: the list's label filter finds the lead.
			tagged, err := h.db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "website"})
			if err != nil || len(tagged.Items) != 1 {
				t.Fatalf("leads labelled website: %v (%v), want the one", tagged.Items, err)
			}
		})
	}
}

// wantLead checks the lead aSubmission makes: mapped fields, custom fields,
// the form's tags as labels, and the source.
func wantLead(t *testing.T, l *crm.Lead) {
	t.Helper()
	if l.Name != "李娜" || l.Email != "li.na@huaqiang.example" || l.Phone != "+8613800138000" || l.Company != "华强电子" {
		t.Errorf("lead = %q %q %q %q, want the mapped fields normalized", l.Name, l.Email, l.Phone, l.Company)
	}
	if !strings.Contains(l.Notes, "请报价 500 台") {
		t.Errorf("notes = %q, want the message", l.Notes)
	}
	want := map[string]string{"budget": "50万", "colour": "red, blue"}
	for k, v := range want {
		if l.Custom[k] != v {
			t.Errorf("custom[%q] = %q, want %q (custom %v)", k, l.Custom[k], v, l.Custom)
		}
	}
	if _, ok := l.Custom["tags"]; ok {
		t.Errorf("custom = %v: the form's tags are labels, not a custom field", l.Custom)
	}
	if !slices.Equal(l.Tags, []string{"website"}) {
		t.Errorf("tags = %v, want the form's [website] as the lead's labels", l.Tags)
	}
	if _, ok := l.Custom["attachment"]; ok {
		t.Errorf("custom = %v, want the file part skipped", l.Custom)
	}
	s := l.Source
	if s.Channel != crm.ChannelWebForm || s.PageURL != pageURL || s.UTMSource != "baidu" || s.UTMMedium != "cpc" ||
		s.UTMCampaign != "spring" || s.Referrer != "https://www.baidu.com/s?wd=crm" || s.IP != "203.0.113.9" ||
		s.UserAgent != "form-test/1.0" || s.Form != "Contact us 联系我们" {
		t.Errorf("source = %+v, want page, UTM from its query, referrer, IP and user agent", s)
	}
}

func TestUTMFromBodyWins(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	v := aSubmission("a@b.example")
	v.Set("utm_source", "wechat")
	v.Set("utm_term", "crm software")
	ct, body := urlencoded(v)
	req, _ := http.NewRequest(http.MethodPost, h.url()+"?utm_term=ignored&utm_content=banner", body)
	req.Header.Set("Content-Type", ct)
	wantStatus(t, h.do(req), http.StatusOK)
	s := h.leads()[0].Source
	if s.UTMSource != "wechat" || s.UTMTerm != "crm software" || s.UTMContent != "banner" || s.UTMMedium != "cpc" {
		t.Fatalf("source = %+v, want body UTM first, then the action URL's, then the page's", s)
	}
}

func TestHTMLPostRedirects(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, redirect, want string }{
		{"form's page", "https://shop.example.com/thanks?x=1", "https://shop.example.com/thanks?ok=1&x=1"},
		{"hosted thanks", "", "/f/{key}?ok=1&lang=en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, func(_ *webform.Config, f *crm.Form) { f.RedirectURL = tt.redirect })
			ct, body := urlencoded(aSubmission("a@b.example"))
			resp := h.post(ct, body, "Sec-Fetch-Mode: navigate", "Origin: https://shop.example.com")
			wantStatus(t, resp, http.StatusSeeOther)
			want := strings.ReplaceAll(tt.want, "{key}", h.form.Key)
			if got := resp.Header.Get("Location"); got != want {
				t.Fatalf("Location = %q, want %q", got, want)
			}
			if len(h.leads()) != 1 {
				t.Fatal("want the lead stored")
			}
		})
	}
}

func TestUnknownKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodOptions} {
		req, _ := http.NewRequest(m, h.srv.URL+"/f/nosuchform", strings.NewReader("full_name=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		body := wantStatus(t, h.do(req), http.StatusNotFound)
		if !strings.Contains(body, `"code":"not_found"`) {
			t.Errorf("%s: body = %s, want not_found", m, body)
		}
	}
}
