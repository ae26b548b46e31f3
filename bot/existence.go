package bot

import (
	"regexp"
	"strings"
)

// askedThing finds what an "is there" question asks for: "停车场旁边有加油站吗"
// asks for 加油站, "有没有游泳池" for 游泳池, The thing is the message's
// subject whatever other keyword it holds (停车场 here).
// "宠物医院附近有吗" asks for one near by.
var askedThing = regexp.MustCompile(`(?:^|\s|[^没])有(\p{Han}{2,6}?)(?:吗|嘛|么|不|没有|没)$|有没有(\p{Han}{2,6})$|` +
	`(\p{Han}{2,6})(?:附近|旁边|周边|周围)(?:有没有|有)(?:吗|嘛|么|没有|没)?$`)

// unknownThing returns the thing a message asks whether there is, when no
// entry names it: its last two characters (the head of a Chinese compound:
// 加油站 is a kind of 站, 宠物医院 of 医院) are in no phrasing and no
// concept names its end. Such a message is about something the FAQ does not
// cover, however well its other words match an entry.
func (x *faqIndex) unknownThing(norm string) string {
	g := askedThing.FindStringSubmatch(norm)
	if g == nil {
		return ""
	}
	thing := g[1] + g[2] + g[3]
	rs := []rune(thing)
	head := string(rs[len(rs)-2:])
	if _, known := x.idfs[head]; known || genericHeads[head] {
		return ""
	}
	for _, ct := range conceptTerms {
		if !ct.latin && conceptKinds[ct.group] == kindTopic && strings.HasSuffix(thing, ct.term) {
			return ""
		}
	}
	return thing
}

// genericHeads end a phrase without naming a thing: "接送服务" is the
// 接送 the FAQ may well know.
var genericHeads = map[string]bool{"服务": true, "东西": true, "地方": true, "问题": true, "情况": true,
	"业务": true, "项目": true, "功能": true, "办法": true, "方式": true, "安排": true, "活动": true, "选择": true}
