package crm

import (
	"context"
	"time"
)

// SatisfactionStore keeps satisfaction settings and surveys. Every method
// joins a transaction in ctx (see sqlstore).
type SatisfactionStore interface {
	// SatisfactionSettings returns the settings of one account: its own row,
	// else the default row, else DefaultSatisfaction.
	SatisfactionSettings(ctx context.Context, channel, account string) (*SatisfactionSettings, error)
	// ListSatisfactionSettings returns every stored row, the default first.
	ListSatisfactionSettings(ctx context.Context) ([]*SatisfactionSettings, error)
	// SaveSatisfactionSettings stores s (replacing its account's row). EINVALID.
	SaveSatisfactionSettings(ctx context.Context, s *SatisfactionSettings) error
	// DueSurveys returns conversations resolved since since (by an index on
	// the resolution time) whose resolution has no survey yet, oldest first.
	DueSurveys(ctx context.Context, since time.Time, limit int) ([]SurveyDue, error)
	// RecordSurvey stores s unless its (conversation, resolution) has one;
	// false then (another instance asked).
	RecordSurvey(ctx context.Context, s *Survey) (bool, error)
	// SetSurveyMessage records the question queued for a survey.
	SetSurveyMessage(ctx context.Context, surveyID, messageID int64) error
	// LastSurveyAsked is when the conversation's customer was last asked
	// (zero: never).
	LastSurveyAsked(ctx context.Context, conversationID int64) (time.Time, error)
	// Survey returns one survey. ENOTFOUND.
	Survey(ctx context.Context, id int64) (*Survey, error)
	// OpenSurvey returns the conversation's latest survey still waiting for
	// a reply at at. ENOTFOUND when there is none.
	OpenSurvey(ctx context.Context, conversationID int64, at time.Time) (*Survey, error)
	// AnswerSurvey records a score on an unexpired survey (a later score
	// replaces an earlier one). A reply's message is marked decided for the
	// bot, with the reason, in the same transaction. ENOTFOUND, EINVALID
	// (expired, or a score outside 1–5).
	AnswerSurvey(ctx context.Context, a SurveyAnswer) (*Survey, error)
	// LowSurveys returns answered surveys with a low score and no task yet.
	LowSurveys(ctx context.Context, limit int) ([]*Survey, error)
	// SetSurveyTask records the task a low score opened; false when the
	// survey has one already.
	SetSurveyTask(ctx context.Context, surveyID, taskID int64) (bool, error)
	// ListSurveys returns the surveys of a conversation or a customer, newest
	// first, limited to what v may see.
	ListSurveys(ctx context.Context, v Viewer, f SurveyFilter) ([]*Survey, error)
	// SatisfactionTotals returns score totals by q.By, for the reports.
	SatisfactionTotals(ctx context.Context, q SatisfactionQuery) ([]SatisfactionRow, error)
	// ServerKey returns the named server-wide secret, made on first use.
	ServerKey(ctx context.Context, name string) ([]byte, error)
}

// SurveyFilter narrows ListSurveys; zero fields do not filter.
type SurveyFilter struct {
	ConversationID *int64
	CustomerID     *int64
	ContactID      *int64
	Limit          int
}

// SurveyLinks answers the score links of survey emails.
type SurveyLinks interface {
	// SurveyOfLink returns the survey a link's token names. ENOTFOUND (not
	// our link), EINVALID (expired).
	SurveyOfLink(ctx context.Context, token string) (*Survey, error)
	// AnswerByLink records a click on a score. ENOTFOUND, EINVALID.
	AnswerByLink(ctx context.Context, token string, score int) (*Survey, error)
}
