package wechat

import (
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// What a push is, for where it goes: WeChat pushes a follower's messages,
// what the follower did (some of it not writing to us), and reports on our
// own jobs, all to the same callback.
type pushKind int

const (
	// pushWrites: the follower wrote or acted towards us (a message,
	// subscribe, a QR scan, a menu CLICK). It joins their conversation or
	// starts one, opens WeChat's 48-hour window there and, for someone
	// unknown, makes their lead.
	pushWrites pushKind = iota
	// pushAside: the follower did something that is not writing (a menu
	// link, the photo or location picker, a location report, unsubscribe).
	// Noted on their conversation when they have one; never starts one,
	// reopens one or makes a lead.
	pushAside
	// pushReport: WeChat reporting on a job of ours (mass send, template,
	// publishing, subscription notices); no follower wrote anything.
	pushReport
)

// writeEvents are the events of a person turning to the account.
var writeEvents = map[string]bool{"subscribe": true, "SCAN": true, "CLICK": true}

// windowEvents open the customer-service window without being a message
// to answer (WeChat counts these menu scans as interactions).
var windowEvents = map[string]bool{"scancode_push": true, "scancode_waitmsg": true}

func (p *push) kind() pushKind {
	switch {
	case p.MsgType != "event" || writeEvents[p.Event]:
		return pushWrites
	case strings.HasSuffix(p.Event, "JOBFINISH") || strings.HasPrefix(p.Event, "subscribe_msg_sent"):
		return pushReport
	}
	return pushAside
}

// automated: not a person writing, so nothing answers it and it does not
// open the window. Menu scans are asides that do open it.
func (p *push) automated() bool {
	return p.kind() != pushWrites && !windowEvents[p.Event]
}

// followerName is what a follower is called until a rep names them.
func followerName(openID string) string { return crm.WeChatFollowerName(openID) }
