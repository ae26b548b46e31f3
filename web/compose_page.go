package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// composePage is the form that starts a conversation with a record.
type composePage struct {
	pageData
	Action, Back        string
	Mailboxes           []mailboxChoice
	To, Subject, Text   string
	Problem             string
	NoMailbox, NoSender bool
	WeChatConv          int64 // a contact's WeChat conversation, to write there instead
	// Follower is the WeChat follower behind a record with no WeChat
	// conversation yet: the page offers a new one, with the account's
	// templates (a new conversation is outside the 48-hour window).
	Follower      *follower
	Templates     []templateChoice
	TemplateError string
	Chosen        string // the template chosen on a refused form
	NoWay         bool   // neither an email address nor WeChat: nothing to write to
}

// templateChoice is one of the account's templates, with its fields'
// inputs (named tv.TEMPLATE.FIELD, so that templates sharing a field name
// keep their own values).
type templateChoice struct {
	ID, Title, Example string
	Fields             []templateInput
	Chosen             bool
}

type templateInput struct{ Name, Field, Value string }

// composeRoutes are the record pages' "new email": the API's and the
// form's, for each kind a conversation may be started with.
func (s *Server) composeRoutes() []route {
	var rs []route
	for _, k := range startKinds {
		one := strings.TrimSuffix(k, "s")
		rs = append(rs,
			apiRoute(post, "/api/v1/"+k+"/{id}/conversations",
				"Start a conversation with "+one+" by an email from a mailbox (queued in the outbox); 201 with the first message",
				s.postStart(k)).in(composeBody{}).created(),
			apiRoute(get, "/api/v1/"+k+"/{id}/wechat-templates",
				"The template messages of the WeChat account the "+one+"'s follower follows, as WeChat lists them, with their fields",
				s.listStartTemplates(k)),
			rawRoute(get, "/"+k+"/{id}/compose", "The form to write a new email to "+one, html, s.getCompose(k)).page().query(recLangParam),
			rawRoute(post, "/"+k+"/{id}/compose", "Send a new email to "+one+" (form), then open its conversation",
				html, s.postCompose(k)).page().query(recLangParam),
		)
	}
	return rs
}

func (s *Server) getCompose(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d := s.composeData(w, r, kind)
		id, err := pathID(r)
		if err == nil {
			var to []crm.Address
			var c *crm.Conversation
			if c, to, err = s.startTarget(r.Context(), viewerOf(r), kind, id); err == nil && len(to) > 0 {
				d.To = to[0].Address
			}
			if err == nil {
				d.WeChatConv, err = s.wechatConversationOf(r.Context(), viewerOf(r), c.ContactID)
			}
			if err == nil {
				err = s.composeWeChat(r, d, kind, id, nil)
			}
		}
		if err == nil {
			err = s.composeChoices(r, d, "")
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "compose", d)
	}
}

func (s *Server) postCompose(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d := s.composeData(w, r, kind)
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, crm.Errorf(crm.EINVALID, "The form could not be read."))
			return
		}
		b := composeBody{To: splitAddresses(r.PostFormValue("to")), Cc: splitAddresses(r.PostFormValue("cc")),
			Subject: r.PostFormValue("subject"), Text: r.PostFormValue("text"), Channel: r.PostFormValue("channel")}
		if b.Channel == crm.ChannelWeChat {
			b.Template, b.TemplateValues = postedTemplate(r)
		}
		b.MailboxID, _ = strconv.ParseInt(r.PostFormValue("mailbox_id"), 10, 64)
		m, err := s.start(r, kind, b)
		if err == nil {
			http.Redirect(w, r, "/inbox/"+itoa64(m.ConversationID), http.StatusSeeOther)
			return
		}
		if code := crm.ErrorCode(err); code != crm.EINVALID {
			s.writeError(w, r, err)
			return
		}
		d.To, d.Subject, d.Text = r.PostFormValue("to"), b.Subject, b.Text
		d.Problem = refusalText(d.Lang, err)
		d.Chosen = b.Template
		id, _ := pathID(r)
		if err := s.composeWeChat(r, d, kind, id, r.PostForm); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.composeChoices(r, d, r.PostFormValue("mailbox_id")); err != nil {
			s.writeError(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "compose", d)
	}
}

func (s *Server) composeData(w http.ResponseWriter, r *http.Request, kind string) *composePage {
	back := "/" + kind + "/" + chi.URLParam(r, "id")
	return &composePage{pageData: s.pageData(w, r, "compose.title"), Action: back + "/compose", Back: back}
}

// composeChoices fills the mailboxes to send from, chosen marked.
func (s *Server) composeChoices(r *http.Request, d *composePage, chosen string) error {
	if s.deps.Mailboxes == nil {
		d.NoMailbox = true
		return nil
	}
	boxes, err := s.deps.Mailboxes.Mailboxes(r.Context())
	if err != nil {
		return err
	}
	for _, b := range boxes {
		if b.Enabled {
			id := strconv.FormatInt(b.ID, 10)
			d.Mailboxes = append(d.Mailboxes, mailboxChoice{ID: b.ID, Label: b.Name + " <" + b.Address + ">", Selected: id == chosen})
		}
	}
	d.NoMailbox = len(d.Mailboxes) == 0
	d.NoSender = s.deps.Outbox == nil
	return nil
}

var addressSep = regexp.MustCompile(`[,;，；\s]+`)

// splitAddresses reads "a@x, b@y" as addresses.
func splitAddresses(s string) []crm.Address {
	var out []crm.Address
	for _, a := range addressSep.Split(strings.TrimSpace(s), -1) {
		if a != "" {
			out = append(out, crm.Address{Address: a})
		}
	}
	return out
}

// composeLink is a record page's "new email" button.
func (c *cells) composeLink(kind, id string) navLink {
	return navLink{Label: c.t("compose.title"), URL: "/" + kind + "/" + id + "/compose"}
}

// composeWeChat offers a new WeChat conversation when the record's person
// follows a connected account and has no WeChat conversation yet, with the
// account's templates listed from WeChat; and says so when there is no way
// at all to write to them.
func (s *Server) composeWeChat(r *http.Request, d *composePage, kind string, id int64, posted url.Values) error {
	f, err := s.followerOf(r.Context(), viewerOf(r), kind, id)
	if err != nil {
		return err
	}
	d.NoWay = f == nil && d.WeChatConv == 0 && d.To == ""
	if f == nil || d.WeChatConv != 0 || s.deps.Outbox == nil {
		return nil
	}
	d.Follower = f
	ts, err := s.deps.Outbox.AccountTemplates(r.Context(), crm.ChannelWeChat, f.AppID)
	if err != nil {
		if crm.ErrorCode(err) == crm.EINTERNAL {
			return err
		}
		d.TemplateError = problemText(d.Lang, crm.ErrorMessage(err))
		return nil
	}
	for _, t := range ts {
		tc := templateChoice{ID: t.ID, Title: t.Title, Example: t.Example, Chosen: t.ID == d.Chosen}
		for _, field := range t.Fields {
			name := "tv." + t.ID + "." + field
			tc.Fields = append(tc.Fields, templateInput{Name: name, Field: field, Value: posted.Get(name)})
		}
		d.Templates = append(d.Templates, tc)
	}
	return nil
}

// postedTemplate is the chosen template and its own fields' values.
func postedTemplate(r *http.Request) (string, map[string]string) {
	id := r.PostFormValue("template")
	if id == "" {
		return "", nil
	}
	vals := map[string]string{}
	prefix := "tv." + id + "."
	for k, v := range r.PostForm {
		if strings.HasPrefix(k, prefix) && len(v) > 0 {
			vals[strings.TrimPrefix(k, prefix)] = v[0]
		}
	}
	return id, vals
}
