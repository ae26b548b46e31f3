package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// maxThread bounds how many messages a conversation page shows (the
// oldest first); the API pages through the rest.
const maxThread = 1000

// convData is what the conversation page shows.
type convData struct {
	pageData
	Conv       *crm.Conversation
	Items      []timelineItem
	LastID     int64
	Candidates []crm.Candidate
	Send       canSendAnswer
	Canned     []*crm.CannedReply
	Users      []*crm.User
	Teams      []*crm.Team
	ReplyTo    string                // the customer's address, for email's To
	ReplyCc    string                // the other recipients, for reply-all
	Mailboxes  []mailboxChoice       // to answer a web-form lead by email from
	Templates  []crm.ChannelTemplate // WeChat's, offered outside its window
	WeChatConv int64                 // a form lead's conversation as a WeChat follower
	Account    string                // the account by name: a mailbox's address, not its id
	C360       *customer360          // the records pages' panel (web/customer360.go)
	Surveys    []surveyView          // this conversation's satisfaction surveys
	// Plain values for the templates, which have no helper functions.
	AssigneeID, TeamID int64
	LabelsText         string
	StatusButtons      []string
}

// candidateReader reads the records the matcher hesitated between.
type candidateReader interface {
	ReviewCandidates(ctx context.Context, conversationID int64) ([]crm.Candidate, error)
}

// timelineItem is a message, a private note or a handling event, in time order.
type timelineItem struct {
	Msg   *msgView
	Note  *crm.Note
	Event *eventView
}

// msgView is a message as the page shows it: flat fields, because the
// templates look fields up by name on every use, and a lookup through an
// embedded struct costs a tenth of a 500-message page.
type msgView struct {
	m                           *crm.Message
	ID                          int64
	Channel, Direction          string
	Delivery, DeliveryError     string
	FromName, FromAddress, Text string
	Frame                       string // the sanitized mail document (remote images blocked), for srcdoc
	RemoteImages                bool
	Files                       []fileView
	InlineFiles                 []fileView // images the mail's frame shows (cid:), offered for download only
	L                           msgLabels  // translated and formatted once, not per template call
	LinkViews                   []linkView
	Bot                         string // the bot's decision about this message, or that it wrote it, with the reason
}

func (s *Server) getConversationPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.convData(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// Remote images load only after the rep asks (the frame's document is
	// re-sanitized with them then); the frame inherits this policy.
	w.Header().Set("Content-Security-Policy",
		"default-src 'self'; img-src 'self' data: https: http:; media-src 'self'; frame-ancestors 'none'; form-action 'self'")
	s.renderAny(w, r, "conversation", "layout", d)
}

func (s *Server) convData(w http.ResponseWriter, r *http.Request) (*convData, error) {
	ctx, v := r.Context(), viewerOf(r)
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	c, err := s.store.Conversation(ctx, v, id)
	if err != nil {
		return nil, err
	}
	d := &convData{pageData: s.pageData(w, r, "conv.title"), Conv: c, LabelsText: strings.Join(c.Labels, ", "),
		StatusButtons: []string{crm.ConvOpen, crm.ConvPending, crm.ConvResolved},
	}
	if c.AssigneeID != nil {
		d.AssigneeID = *c.AssigneeID
	}
	if c.TeamID != nil {
		d.TeamID = *c.TeamID
	}
	if d.Items, d.LastID, err = s.timeline(ctx, ib, v, id, 0, d.Lang); err != nil {
		return nil, err
	}
	if c.NeedsReview {
		if rc, ok := s.store.(candidateReader); ok {
			if d.Candidates, err = rc.ReviewCandidates(ctx, id); err != nil {
				return nil, err
			}
		}
	}
	if d.Send, err = s.sendState(r, d.Lang, id); err != nil {
		return nil, err
	}
	d.Templates = s.windowTemplates(r, c, d.Send)
	if d.Canned, err = ib.CannedReplies(ctx); err != nil {
		return nil, err
	}
	if d.Users, err = s.store.ListUsers(ctx); err != nil {
		return nil, err
	}
	if d.Teams, err = s.store.ListTeams(ctx); err != nil {
		return nil, err
	}
	own, err := s.ownAddress(ctx, c)
	if err != nil {
		return nil, err
	}
	d.ReplyTo, d.ReplyCc = replyAddresses(d.Items, own)
	d.Account = firstOf(own, c.Account)
	if d.Mailboxes, err = s.replyMailboxes(r, c, d.Items); err != nil {
		return nil, err
	}
	if c.Channel == crm.ChannelWebForm && d.Send.OK && len(d.Mailboxes) == 0 && !answeredByEmail(d.Items) {
		d.Send = canSendAnswer{Reason: translate(d.Lang, "compose.no_mailbox")}
	}
	if d.WeChatConv, err = s.followerConversation(ctx, v, c); err != nil {
		return nil, err
	}
	if d.Surveys, err = s.surveyViews(ctx, crm.System, crm.SurveyFilter{ConversationID: &c.ID}); err != nil {
		return nil, err // the conversation is v's to see, and so are its surveys
	}
	if d.C360, err = s.customer360(ctx, v, c); err != nil {
		return nil, err
	}
	d.C360.Lang, d.C360.Back = d.Lang, "/inbox/"+itoa64(c.ID)
	return d, nil
}

// timeline reads the messages after id `after` and, from the start, the
// notes, merged in time order; it returns the last message id too.
func (s *Server) timeline(ctx context.Context, ib crm.InboxStore, v crm.Viewer, conv, after int64, lang string) ([]timelineItem, int64, error) {
	var items []timelineItem
	last := after
	for len(items) < maxThread {
		page, err := s.store.Messages(ctx, v, conv, crm.Page{Limit: crm.MaxPageLimit, After: last})
		if err != nil {
			return nil, 0, err
		}
		for _, m := range page.Items {
			items = append(items, timelineItem{Msg: viewMessage(m, lang, s.inlineSrc(ctx))})
			last = m.ID
		}
		if page.Next == 0 {
			break
		}
	}
	decisions, err := s.botReasons(ctx, conv, items, lang)
	if err != nil {
		return nil, 0, err
	}
	if err := s.nameLinks(ctx, v, items, lang); err != nil {
		return nil, 0, err
	}
	if after == 0 {
		notes, err := ib.Notes(ctx, v, conv)
		if err != nil {
			return nil, 0, err
		}
		for _, n := range notes {
			items = append(items, timelineItem{Note: n})
		}
		events, err := s.threadEvents(ctx, conv, decisions, lang)
		if err != nil {
			return nil, 0, err
		}
		items = append(items, events...)
		slices.SortStableFunc(items, func(a, b timelineItem) int { return a.at().Compare(b.at()) })
		items = withReopenings(items, lang)
	}
	return items, last, nil
}

func (t timelineItem) at() time.Time {
	if t.Note != nil {
		return t.Note.CreatedAt
	}
	if t.Event != nil {
		return t.Event.at
	}
	return t.Msg.m.CreatedAt
}

// fileView is an attachment as the page shows it: images and voice inline.
type fileView struct {
	Kind, URL, Name, Size string
}

// msgLabels are a message's words and times in the page's language.
type msgLabels struct {
	Chan, Dir, Delivery, AtISO, At string
	To, Cc                         string // "To: a, b" and "Cc: c" lines, empty when none
}

// linkView is a matcher link as the page shows it.
type linkView struct {
	URL, Kind, Rule string
	kind            string // the record's kind and id, for naming it (nameLinks)
	id              int64
}

func viewMessage(m *crm.Message, lang string, src func(*crm.Attachment) string) *msgView {
	mv := &msgView{m: m, ID: m.ID, Channel: m.Channel, Direction: m.Direction, Delivery: m.Delivery,
		DeliveryError: m.DeliveryError, FromName: m.From.Name, FromAddress: m.From.Address, Text: m.Text, L: msgLabels{Chan: translate(lang, "channel."+m.Channel),
			Dir: translate(lang, "dir."+m.Direction), Delivery: translate(lang, "delivery."+m.Delivery),
			AtISO: m.CreatedAt.Format("2006-01-02T15:04:05Z"), At: m.CreatedAt.Format("2006-01-02 15:04"),
			To: addressLine(translate(lang, "conv.to"), m.To), Cc: addressLine(translate(lang, "conv.cc"), m.Cc)}}
	by := translate(lang, "conv.by_rule")
	for _, l := range m.Links {
		lv := linkView{URL: "/" + l.Kind + "s/" + itoa64(l.TargetID), Kind: translate(lang, "ref."+l.Kind) + " #" + itoa64(l.TargetID),
			Rule: by + " " + ruleName(lang, l.Rule), kind: l.Kind, id: l.TargetID}
		switch l.Kind {
		case crm.RefConversation:
			lv.URL = "/inbox/" + itoa64(l.TargetID)
		case crm.RefContract: // an order of kind contract: its page is the order's
			lv.URL = "/orders/" + itoa64(l.TargetID)
		}
		if l.Value != "" {
			lv.Rule += ": " + l.Value
		}
		mv.LinkViews = append(mv.LinkViews, lv)
	}
	var shown map[int64]bool
	if m.HTML != "" {
		mv.Frame, shown = mailDoc(m, false, src)
		mv.RemoteImages = hasRemoteImages(m.HTML)
	}
	mv.Files, mv.InlineFiles = fileViews(m.Attachments, shown)
	return mv
}

// fileViews are a message's files as the page lists them; the images its
// mail's frame shows (shown) come apart, to be offered, not shown twice.
func fileViews(files []crm.Attachment, shown map[int64]bool) (other, inline []fileView) {
	for _, a := range files {
		f := fileView{Kind: "file", URL: "/api/v1/attachments/" + itoa64(a.ID), Name: a.Name, Size: byteSize(a.Size)}
		switch {
		case shown[a.ID]:
			inline = append(inline, f)
			continue
		case inlineType(a.ContentType) && strings.HasPrefix(a.ContentType, "image/"):
			f.Kind = "image"
		case inlineType(a.ContentType):
			f.Kind = "audio"
		}
		other = append(other, f)
	}
	return other, inline
}

// byteSize writes a file size for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// addressLine writes "To: a, b", or "" for no addresses.
func addressLine(label string, as []crm.Address) string {
	if len(as) == 0 {
		return ""
	}
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Address
	}
	return label + ": " + strings.Join(parts, ", ")
}

// botReasons marks the bot's answers and its decisions about the
// customer's messages, with their reasons (rule, FAQ entry and score).
// It returns the decisions, for the thread's hand-off events.
func (s *Server) botReasons(ctx context.Context, conv int64, items []timelineItem, lang string) ([]*crm.BotDecision, error) {
	b, err := s.bot()
	if err != nil {
		return nil, nil // no bot on this server
	}
	ds, err := b.BotDecisions(ctx, conv)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	byMsg, byReply := map[int64]*crm.BotDecision{}, map[int64]*crm.BotDecision{}
	for _, d := range ds {
		byMsg[d.MessageID] = d
		if d.ReplyMessageID != nil {
			byReply[*d.ReplyMessageID] = d
		}
	}
	for _, it := range items {
		if it.Msg == nil {
			continue
		}
		if d := byReply[it.Msg.ID]; d != nil {
			it.Msg.Bot = translate(lang, "conv.bot_wrote") + " · " + d.Reason
		} else if d := byMsg[it.Msg.ID]; d != nil {
			it.Msg.Bot = translate(lang, "conv.bot."+d.Action) + " · " + d.Reason
		}
	}
	return ds, nil
}
