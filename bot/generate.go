package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// genAsk is a question for the generative endpoint: the message and the
// FAQ entries retrieval found about it, best first. confident: the plain
// answer to entries[0] stands if the endpoint fails.
type genAsk struct {
	text      string
	en        bool
	entries   []match
	confident bool
}

// genAnswer is the endpoint's grounded answer: the entry it used and its
// phrasing of that entry's answer.
type genAnswer struct {
	faq  *crm.FAQ
	text string
}

const genSystem = `You answer a company's customers using ONLY the FAQ entries you are given.
If one entry answers the customer's message, reply with JSON {"entry": <its id>, "answer": "<your answer>"}:
the answer says only what that entry's answer says, briefly and politely, in the customer's language
(Chinese unless they wrote English). Never add a fact, price, number, time, link or promise that the
entry does not state. If no entry answers exactly what the customer asks, or they ask about their own
order, complain, or want a person, reply {"entry": 0}. Reply with the JSON only.`

// prompt writes the entries and the message for the endpoint.
func (a *genAsk) prompt() []chatMessage {
	var b strings.Builder
	b.WriteString("FAQ entries:\n")
	for _, m := range a.entries {
		fmt.Fprintf(&b, "[id %d] Q: %s\nA: %s\n", m.faq.ID, m.faq.Question, m.faq.Answer)
		if m.faq.AnswerEn != "" {
			fmt.Fprintf(&b, "A (English): %s\n", m.faq.AnswerEn)
		}
	}
	b.WriteString("\nCustomer message:\n" + a.text)
	return []chatMessage{{Role: "system", Content: genSystem}, {Role: "user", Content: b.String()}}
}

var (
	jsonObject = regexp.MustCompile(`(?s)\{.*\}`)
	digitRun   = regexp.MustCompile(`\d+`)
	linkRun    = regexp.MustCompile(`https?://[^\s，。、）)」"']+`)
)

// errDeclined is the endpoint saying no entry answers the message.
var errDeclined = errors.New("no entry answers it")

// ground reads the endpoint's reply and keeps it only when it is grounded:
// it names one of the entries given, and every number and link it states
// is in that entry's answer (a model that adds a price or a date from
// elsewhere is not answering from the FAQ).
func (a *genAsk) ground(reply string) (*genAnswer, error) {
	var out struct {
		Entry  json.Number `json:"entry"`
		Answer string      `json:"answer"`
	}
	obj := jsonObject.FindString(reply)
	if obj == "" || json.Unmarshal([]byte(obj), &out) != nil {
		return nil, errors.New("malformed answer")
	}
	id, err := strconv.ParseInt(out.Entry.String(), 10, 64)
	if err != nil {
		return nil, errors.New("malformed answer")
	}
	if id == 0 {
		return nil, errDeclined
	}
	var f *crm.FAQ
	for _, m := range a.entries {
		if m.faq.ID == id {
			f = m.faq
		}
	}
	text := strings.TrimSpace(out.Answer)
	switch {
	case f == nil:
		return nil, fmt.Errorf("named faq %d, which it was not given", id)
	case text == "" || len([]rune(text)) > 1000:
		return nil, errors.New("empty or overlong answer")
	}
	source := f.Question + "\n" + f.Answer + "\n" + f.AnswerEn
	for _, re := range []*regexp.Regexp{digitRun, linkRun} {
		for _, s := range re.FindAllString(text, -1) {
			if !strings.Contains(source, s) {
				return nil, fmt.Errorf("stated %q, which faq %d does not", s, f.ID)
			}
		}
	}
	return &genAnswer{faq: f, text: text}, nil
}

// generate asks the endpoint, within the day's cap and the timeout.
func (b *Bot) generate(ctx context.Context, c *cache, a *genAsk) (*genAnswer, error) {
	ok, err := b.cfg.Generative.TakeGenerativeCall(ctx, b.cfg.Now().UTC().Format("2006-01-02"), c.gen.DailyCap)
	switch {
	case err != nil:
		return nil, errors.New("the call count could not be read")
	case !ok:
		return nil, errors.New("daily cap reached")
	}
	reply, err := c.chat.complete(ctx, a.prompt())
	if err != nil {
		return nil, err
	}
	return a.ground(reply)
}

// ids lists the entries given, "7 0.28, 3 0.22".
func (a *genAsk) ids() string {
	var parts []string
	for _, m := range a.entries {
		parts = append(parts, fmt.Sprintf("%d %.2f", m.faq.ID, m.score))
	}
	return strings.Join(parts, ", ")
}

// applyGenerated turns the endpoint's outcome into the decision: a
// grounded answer replaces the plain one or the hand-off; a failure leaves
// the plain answer (confident) or the hand-off, with the reason said.
func applyGenerated(ch *choice, a *genAsk, model string, ans *genAnswer, err error) {
	given := "given faq " + a.ids()
	if err != nil {
		ch.reason += fmt.Sprintf("; generative (%s): %v (%s)", model, err, given)
		return
	}
	id := ans.faq.ID
	if a.confident && id != *ch.faqID {
		ch.reason += fmt.Sprintf("; generative (%s) chose faq %d, not kept (%s)", model, id, given)
		return
	}
	score := a.entries[0].score
	for _, m := range a.entries {
		if m.faq.ID == id {
			score = m.score
		}
	}
	if !a.confident {
		ch.reason = fmt.Sprintf("generative: %s answered from faq %d (%s); retrieval alone was %s", model, id, given, ch.reason)
	} else {
		ch.reason += fmt.Sprintf("; phrased by %s from faq %d (%s)", model, id, given)
	}
	ch.action, ch.faqID, ch.score = crm.BotAnswer, &id, score
	prefix := ""
	if ch.ack != "" {
		prefix = ch.ack + "\n\n"
	}
	ch.text = prefix + ans.text
}
