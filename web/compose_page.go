package web

import (
	"net/http"
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
}

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
			Subject: r.PostFormValue("subject"), Text: r.PostFormValue("text")}
		b.MailboxID, _ = strconv.ParseInt(r.PostFormValue("mailbox_id"), 10, 64)
		m, err := s.start(r, d.Lang, kind, b)
		if err == nil {
			http.Redirect(w, r, "/inbox/"+itoa64(m.ConversationID), http.StatusSeeOther)
			return
		}
		if code := crm.ErrorCode(err); code != crm.EINVALID {
			s.writeError(w, r, err)
			return
		}
		d.To, d.Subject, d.Text = r.PostFormValue("to"), b.Subject, b.Text
		d.Problem = crm.ErrorMessage(err)
		for f, msg := range crm.ErrorFields(err) {
			d.Problem += " (" + f + ": " + msg + ")"
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
