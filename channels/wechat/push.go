package wechat

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// push is every field of the messages and events the channel handles.
type push struct {
	ToUserName   string  `xml:"ToUserName"`
	FromUserName string  `xml:"FromUserName"`
	CreateTime   int64   `xml:"CreateTime"`
	MsgType      string  `xml:"MsgType"`
	MsgID        string  `xml:"MsgId"`
	Content      string  `xml:"Content"`
	PicURL       string  `xml:"PicUrl"`
	MediaID      string  `xml:"MediaId"`
	Format       string  `xml:"Format"`
	Recognition  string  `xml:"Recognition"`
	ThumbMediaID string  `xml:"ThumbMediaId"`
	LocationX    float64 `xml:"Location_X"`
	LocationY    float64 `xml:"Location_Y"`
	Label        string  `xml:"Label"`
	Title        string  `xml:"Title"`
	Description  string  `xml:"Description"`
	URL          string  `xml:"Url"`
	Event        string  `xml:"Event"`
	EventKey     string  `xml:"EventKey"`
	Latitude     float64 `xml:"Latitude"`
	Longitude    float64 `xml:"Longitude"`
	Status       string  `xml:"Status"` // TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH
	JobMsgID     string  `xml:"MsgID"`  // TEMPLATESENDJOBFINISH spells it MsgID
	ScanResult   string  `xml:"ScanCodeInfo>ScanResult"`
	TotalCount   int     `xml:"TotalCount"` // MASSSENDJOBFINISH
	SentCount    int     `xml:"SentCount"`
	ErrorCount   int     `xml:"ErrorCount"`
}

func parsePush(b []byte) (*push, error) {
	p := &push{}
	if err := xml.Unmarshal(b, p); err != nil || p.FromUserName == "" || p.MsgType == "" {
		return nil, errBadPush
	}
	return p, nil
}

// externalID is the dedupe key: WeChat retries a push with the same MsgId,
// and an event (which has none) with the same sender and CreateTime.
func (p *push) externalID() string {
	if p.MsgType != "event" && p.MsgID != "" {
		return p.MsgID
	}
	return fmt.Sprintf("%s-%d-%s", p.FromUserName, p.CreateTime, p.Event)
}

func (p *push) at(now time.Time) time.Time {
	if p.CreateTime > 0 {
		return time.Unix(p.CreateTime, 0).UTC()
	}
	return now
}

// hasMedia reports whether the push names a media id to download.
func (p *push) hasMedia() bool {
	switch p.MsgType {
	case "image", "voice", "video", "shortvideo":
		return p.MediaID != ""
	}
	return false
}

// campaign is the QR code scene of a subscribe (qrscene_…) or SCAN event.
func (p *push) campaign() string {
	switch {
	case p.Event == "subscribe" && strings.HasPrefix(p.EventKey, "qrscene_"):
		return strings.TrimPrefix(p.EventKey, "qrscene_")
	case p.Event == "SCAN":
		return p.EventKey
	}
	return ""
}

// text is what the inbox shows of the push.
func (p *push) text() string {
	switch p.MsgType {
	case "text":
		return p.Content
	case "voice":
		if p.Recognition != "" {
			return p.Recognition
		}
		return "[voice]"
	case "image", "video", "shortvideo":
		return "[" + p.MsgType + "]"
	case "location":
		return fmt.Sprintf("[location] %s (%.6f, %.6f)", p.Label, p.LocationX, p.LocationY)
	case "link":
		return strings.TrimSpace(p.Title + "\n" + p.Description + "\n" + p.URL)
	case "event":
		return p.eventText()
	}
	return "[" + p.MsgType + "]"
}

func (p *push) eventText() string {
	switch p.Event {
	case "subscribe":
		if c := p.campaign(); c != "" {
			return "[subscribed] scene " + c
		}
		return "[subscribed]"
	case "unsubscribe":
		return "[unsubscribed]"
	case "SCAN":
		return "[scanned] scene " + p.EventKey
	case "CLICK":
		return "[menu] " + p.EventKey
	case "VIEW":
		return "[menu link] " + p.EventKey
	case "LOCATION":
		return fmt.Sprintf("[location report] (%.6f, %.6f)", p.Latitude, p.Longitude)
	case "scancode_push", "scancode_waitmsg":
		return strings.TrimSpace("[menu scan] " + p.ScanResult)
	case "pic_sysphoto", "pic_photo_or_album", "pic_weixin":
		return "[menu photo] " + p.EventKey
	case "location_select":
		return "[menu location] " + p.EventKey
	}
	return "[event] " + p.Event
}
