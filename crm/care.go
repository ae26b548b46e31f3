package crm

import "time"

// Care triggers: what makes a plan's occurrence fall on a date.
const (
	CareBirthday        = "birthday"        // the contact's birthday
	CareYearlyDate      = "yearly_date"     // a fixed month and day every year
	CareSpringFestival  = "spring_festival" // 春节, lunar 1/1
	CareMidAutumn       = "mid_autumn"      // 中秋, lunar 8/15
	CareFirstOrderDay   = "first_order_anniversary"
	CareAfterDelivery   = "after_delivery"      // 事后: N days after a delivery
	CareAfterSigned     = "after_signed"        // 事后: N days after a contract is signed
	CareAfterPayment    = "after_payment"       // 事后: N days after a payment
	CareBeforeEnd       = "before_contract_end" // 事前: N days before a contract ends
	CareBeforeDue       = "before_instalment"   // 事前: N days before an instalment is due
	CareNoOrder         = "no_order"            // 复购: N days since the last order
	CareActionSend      = "send"                // a message through the contact's channel
	CareActionTask      = "task"                // a care task for the owner (人工关怀)
	CareStateQueued     = "queued"              // a message was queued in the outbox
	CareStateTask       = "task"                // a care task was opened
	CareStateSkipped    = "skipped"             // not sent; Reason says why
	DefaultCareTimeZone = "Asia/Shanghai"
)

// CareTrigger says when a plan's occurrences fall.
type CareTrigger struct {
	Kind  string `json:"kind"`
	Days  int    `json:"days,omitempty"`  // N for the after/before/no-order kinds
	Month int    `json:"month,omitempty"` // for yearly_date
	Day   int    `json:"day,omitempty"`
}

// CareAudience narrows a plan to some customers' contacts; empty fields
// do not narrow.
type CareAudience struct {
	Kinds   []string `json:"kinds,omitempty"`
	Levels  []string `json:"levels,omitempty"`
	Regions []string `json:"regions,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	TeamID  *int64   `json:"team_id,omitempty"` // the owner's team
}

// CareText is a message template in one language. {{contact.name}} and the
// other variables are filled at send time.
type CareText struct {
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// CarePlan is a care policy (关怀策略): a trigger, an audience and an action.
type CarePlan struct {
	ID       int64               `json:"id"`
	Name     string              `json:"name"`
	Enabled  bool                `json:"enabled"`
	Trigger  CareTrigger         `json:"trigger"`
	Audience CareAudience        `json:"audience"`
	Action   string              `json:"action"`
	Texts    map[string]CareText `json:"texts"`  // by locale: "zh-CN", "en"
	Locale   string              `json:"locale"` // the language sent; default zh-CN
	// SendAt is the local time of day ("10:00") an occurrence is due, in
	// the contact's time zone.
	SendAt string `json:"send_at"`
	// GraceDays is how late an occurrence missed while Rapport was down is
	// still sent; 0: only on its own day.
	GraceDays int       `json:"grace_days"`
	CreatedBy *int64    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CareQuery asks for the contacts a trigger reaches through one event date:
// the birthday or first-order day falling on Date's month and day, the
// delivery, signing, payment, contract end or instalment on Date.
type CareQuery struct {
	Trigger  string
	Date     Date
	Audience CareAudience
	// TimeZone is where a payment's time is read as a date.
	TimeZone *time.Location
	// PlanID and OccursOn, when set, leave out the contacts this plan has
	// already acted for on that date.
	PlanID   int64
	OccursOn *Date
	// CustomerID, when set, asks only for this customer's contacts.
	CustomerID *int64
}

// CareCandidate is a contact one occurrence reaches, with the record that
// caused it (an order for order-based triggers).
type CareCandidate struct {
	ContactID   int64  `json:"contact_id"`
	ContactName string `json:"contact_name"`
	CustomerID  *int64 `json:"customer_id"`
	OrderID     *int64 `json:"order_id"`
	OwnerID     *int64 `json:"owner_id"`
	TimeZone    string `json:"-"` // the contact's own; "": the default
}
