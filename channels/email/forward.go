package email

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message"
	"github.com/rapport-crm/rapport/crm"
)

// maxForwards bounds the forwarded or quoted mails read from one message.
const maxForwards = 5

// forwardMarker is a line that mail clients put above a forwarded or
// quoted mail's header block: Gmail, Thunderbird, Apple Mail, Outlook,
// QQ Mail / Foxmail, NetEase 163/126, in English and Chinese.
var forwardMarker = regexp.MustCompile(`(?i)^[\s>*]*(?:-{2,}|_{2,})?\s*(?:` +
	`forwarded message|original message|begin forwarded message:?|` +
	`转发的邮件|转发邮件信息|转发邮件|原始邮件|原邮件|邮件原文|` +
	`轉寄的郵件|原始郵件)\s*(?:-{2,}|_{2,})?\s*$`)

// forwardField is one line of a forwarded header block: "From: …",
// "发件人：…", Outlook's bold "*From:* …".
var forwardField = regexp.MustCompile(`^[\s>*]*(From|Sent|Date|To|Cc|Subject|发件人|寄件者|发送时间|发件时间|发送日期|` +
	`日期|时间|收件人|收件者|抄送|副本|主题|主旨)[*\s]*[:：][*\s]*(.*)$`)

// readForwards finds the header blocks of forwarded or quoted mail in
// text and returns each one's sender, subject and text, newest first.
// Outlook sometimes writes no marker, only a line of underscores or
// nothing before "From:"/"发件人:" followed by "Sent:"/"发送时间:"; such a
// block counts when its second line is one of those fields.
func readForwards(text string) []crm.Forward {
	lines := strings.Split(text, "\n")
	var out []crm.Forward
	for i := 0; i < len(lines) && len(out) < maxForwards; i++ {
		start := i
		if forwardMarker.MatchString(lines[i]) {
			start = i + 1
		} else if !outlookBlock(lines, i) {
			continue
		}
		f, end := readBlock(lines, start)
		if f == nil {
			continue
		}
		next := end
		for next < len(lines) && !forwardMarker.MatchString(lines[next]) && !outlookBlock(lines, next) {
			next++
		}
		f.Text = strings.TrimSpace(strings.Join(lines[end:next], "\n"))
		f.Automated = automatedSender(f.From.Address) != ""
		out = append(out, *f)
		i = next - 1
	}
	return out
}

// outlookBlock reports whether lines[i] starts a header block without a
// marker: a From line whose next non-empty line is a date or To field.
func outlookBlock(lines []string, i int) bool {
	m := forwardField.FindStringSubmatch(lines[i])
	if m == nil || fieldName(m[1]) != "from" {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if n := forwardField.FindStringSubmatch(lines[j]); n != nil {
			k := fieldName(n[1])
			return k == "date" || k == "to"
		}
	}
	return false
}

// readBlock reads the header block from lines[start] (blank lines before
// it skipped) and returns the forward with its sender, and where its text
// begins. nil when no sender was found.
func readBlock(lines []string, start int) (*crm.Forward, int) {
	for start < len(lines) && strings.TrimSpace(strings.Trim(lines[start], ">*")) == "" {
		start++
	}
	f, i, key := &crm.Forward{}, start, ""
	for ; i < len(lines) && i < start+20; i++ {
		m := forwardField.FindStringSubmatch(lines[i])
		if m == nil {
			if key == "to" || key == "cc" { // a wrapped recipient list
				if strings.TrimSpace(lines[i]) != "" && strings.Contains(lines[i], "@") {
					continue
				}
			}
			break
		}
		key = fieldName(m[1])
		switch v := strings.TrimSpace(m[2]); key {
		case "from":
			f.From = forwardAddress(v)
		case "subject":
			f.Subject = v
		}
	}
	if f.From.Address == "" {
		return nil, start
	}
	return f, i
}

func fieldName(k string) string {
	switch strings.ToLower(k) {
	case "from", "发件人", "寄件者":
		return "from"
	case "sent", "date", "发送时间", "发件时间", "发送日期", "日期", "时间":
		return "date"
	case "to", "收件人", "收件者":
		return "to"
	case "cc", "抄送", "副本":
		return "cc"
	}
	return "subject"
}

// mailtoAddr finds the address in "Name [mailto:a@b]", "Name <a@b>",
// "\"Name\"<a@b>;" or a bare address.
var mailtoAddr = regexp.MustCompile(`(?i)(?:mailto:)?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)`)

func forwardAddress(v string) crm.Address {
	m := mailtoAddr.FindStringSubmatchIndex(v)
	if m == nil {
		return crm.Address{}
	}
	name := v[:m[0]]
	name = strings.Trim(strings.TrimSpace(name), `"'<[(;, `)
	name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), `"`))
	return crm.Address{Name: name, Address: strings.ToLower(v[m[2]:m[3]])}
}

// forwarded keeps an attached message (message/rfc822) as an attachment
// and reads it as a forward: its sender, subject and text. A message
// inside the forwarded one is kept in the .eml, not read again.
func (w *walker) forwarded(e *message.Entity, name string) error {
	b := w.read(e.Body, 64<<20)
	if !w.nested && len(w.p.attachedForwards) < maxForwards {
		if sub, err := parse(w.ctx, b, nil, true); err == nil {
			w.p.attachedForwards = append(w.p.attachedForwards, crm.Forward{From: sub.In.From,
				Subject: sub.In.Subject, Text: sub.In.Text, Automated: sub.In.Automated})
		}
	}
	e.Body = strings.NewReader(string(b))
	return w.attach(e, "message/rfc822", name)
}

// collectForwards fills In.Forwards: the inline blocks of the text, then
// the attached messages.
func (p *Parsed) collectForwards() {
	p.In.Forwards = append(readForwards(p.In.Text), p.attachedForwards...)
	if len(p.In.Forwards) > maxForwards {
		p.In.Forwards = p.In.Forwards[:maxForwards]
	}
}
