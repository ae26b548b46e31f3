package email

import (
	"regexp"
	"sort"
	"strings"

	"github.com/emersion/go-message"
	"github.com/rapport-crm/rapport/crm"
)

// maxForwards bounds the forwarded or quoted mails read from one message.
const maxForwards = 5

// forwardMarker is a line that mail clients put above a forwarded or
// quoted mail's header block: Gmail, Thunderbird, Apple Mail, Outlook,
// QQ Mail / Foxmail, NetEase 163/126, in Chinese and English, and in the
// languages a Chinese exporter's customers write from most (Japanese,
// Korean, German, French, Spanish, Portuguese, Russian), as those clients
// word it.
var forwardMarker = regexp.MustCompile(`(?i)^[\s>*]*(?:-{2,}|_{2,})?\s*(?:` +
	`forwarded message|original message|begin forwarded message:?|` +
	`转发的邮件|转发邮件信息|转发邮件|原始邮件|原邮件|邮件原文|` +
	`轉寄的郵件|原始郵件|` +
	`転送されたメッセージ|元のメッセージ|전달된 메시지|원본 메시지|` +
	`weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|` +
	`mensaje reenviado|mensaje original|mensagem encaminhada|mensagem original|` +
	`пересылаемое сообщение|исходное сообщение)\s*(?:-{2,}|_{2,})?\s*$`)

// forwardField is one line of a forwarded header block: "From: …",
// "发件人：…", Outlook's bold "*From:* …", and the same fields in the
// marker's other languages.
var forwardField = regexp.MustCompile(`^[\s>*]*(` + strings.Join(fieldNames(), "|") + `)[*\s]*[:：][*\s]*(.*)$`)

// forwardFields names a header block's fields in each language clients
// write them in, by what they hold.
var forwardFields = map[string][]string{
	"from": {"From", "发件人", "寄件者", "差出人", "보낸 사람", "Von", "De", "От"},
	"date": {"Sent", "Date", "发送时间", "发件时间", "发送日期", "日期", "时间", "送信日時", "日付", "보낸 날짜", "날짜",
		"Gesendet", "Datum", "Envoyé", "Enviado", "Enviada", "Fecha", "Data", "Отправлено", "Дата"},
	"to":      {"To", "收件人", "收件者", "宛先", "받는 사람", "An", "À", "Para", "Кому"},
	"cc":      {"Cc", "抄送", "副本", "参照", "참조", "Копия"},
	"subject": {"Subject", "主题", "主旨", "件名", "제목", "Betreff", "Objet", "Asunto", "Assunto", "Тема"},
}

// fieldNames lists every name of forwardFields, longest first, so that
// "发送时间" is tried before "时间".
func fieldNames() []string {
	var all []string
	for _, names := range forwardFields {
		for _, n := range names {
			all = append(all, regexp.QuoteMeta(n))
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if len(all[i]) != len(all[j]) {
			return len(all[i]) > len(all[j])
		}
		return all[i] < all[j]
	})
	return all
}

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
	for kind, names := range forwardFields {
		for _, n := range names {
			if strings.EqualFold(n, k) {
				return kind
			}
		}
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
