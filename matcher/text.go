package matcher

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Reply headers above quoted text: what follows them is an older message
// (often ours, with our own phone numbers and other customers' orders), so
// it is not searched. English and Chinese clients: Gmail, Apple Mail,
// Outlook, QQ Mail / Foxmail. The pattern is tried only on lines that
// start like one (quoteLead), on that line and the next.
var quoteHeader = regexp.MustCompile(`\A[ \t]*(?:` +
	`On .{1,200}wrote:[ \t]*(?:\n|\z)|` +
	`在.{1,200}写道[:：][ \t]*(?:\n|\z)|` +
	`(?:Am|Le|El|Em) .{1,200}(?:schrieb|a écrit|escribió|escreveu)[^\n]{0,100}[ \t]?:[ \t]*(?:\n|\z)|` +
	`-{2,}[ \t]*(?i:Original Message|Forwarded message|原始邮件|转发邮件|转发的邮件|转发邮件信息|原邮件|` +
	`Weitergeleitete Nachricht|Ursprüngliche Nachricht|Message transféré|Message d'origine|` +
	`Mensaje reenviado|Mensaje original|Mensagem encaminhada|Mensagem original|` +
	`Пересылаемое сообщение|Исходное сообщение|転送されたメッセージ|元のメッセージ)[ \t]*-{2,}|` +
	`Begin forwarded message:|` +
	`_{10,}[ \t]*(?:\n|\z)|` +
	`(?:From|发件人|Von|De|От|差出人)[ \t]*[:：].*\n[ \t]*` +
	`(?:Sent|Date|To|发送时间|日期|时间|收件人|Gesendet|Datum|An|Envoyé|Enviado|Fecha|À|Para|Отправлено|Дата|Кому|送信日時|宛先)[ \t]*[:：])`)

var quoteLeads = []string{"On ", "在", "--", "__", "From", "发件人", "Begin forwarded", "Am ", "Le ", "El ", "Em ",
	"Von", "De", "От", "差出人"}

// Spans that hold digits but are not phone numbers: addresses, links, dates
// and times. They are blanked before looking for phone numbers.
var notPhones = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+|` +
	`(?i:https?://|www\.)\S+|` +
	`\b\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?|` +
	`\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|` +
	`\b\d{1,2}:\d{2}(?::\d{2})?\b`)

// scanText returns what the matcher searches for numbers: the subject and
// the text without quoted replies, cut to max bytes at a character boundary.
func scanText(subject, text string, max int) string {
	text = stripQuoted(text)
	s := subject + "\n" + text
	if len(s) > max {
		s = s[:max]
		for !utf8.ValidString(s) && len(s) > 0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

// stripQuoted cuts text at the first reply header and drops "> " lines.
func stripQuoted(text string) string {
	text = text[:quoteCut(text)]
	if !strings.Contains(text, ">") {
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// quoteCut returns where the first reply header starts, or len(text).
func quoteCut(text string) int {
	for off := 0; off < len(text); {
		line, rest, _ := strings.Cut(text[off:], "\n")
		if quoteLead(strings.TrimLeft(line, " \t")) {
			next, _, _ := strings.Cut(rest, "\n")
			end := min(len(text), off+len(line)+1+len(next))
			if quoteHeader.MatchString(text[off:end]) {
				return off
			}
		}
		off += len(line) + 1
	}
	return len(text)
}

func quoteLead(line string) bool {
	for _, p := range quoteLeads {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// blank replaces the given byte spans of s, and every span notPhones finds,
// with '|' (not a phone separator), so positions stay valid and the digits
// on either side can never join into one number.
func blank(s string, spans [][2]int) string {
	b := []byte(s)
	for _, loc := range notPhones.FindAllStringIndex(s, -1) {
		spans = append(spans, [2]int{loc[0], loc[1]})
	}
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			b[i] = '|'
		}
	}
	return string(b)
}
