package crm

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// GenerativeSettings configure the bot's optional generative answers: an
// OpenAI-compatible chat-completions endpoint (a self-hosted Qwen or
// DeepSeek, or a provider) that phrases an answer from the FAQ entries the
// bot retrieved, and from nothing else. Off until an admin switches it on
// here and in an account's BotSettings (Generative).
type GenerativeSettings struct {
	Enabled bool   `json:"enabled"`
	BaseURL string `json:"base_url"` // up to /v1: the client adds /chat/completions
	Model   string `json:"model"`
	// APIKey is write-only: the API answers null and KeySet; an empty key
	// in a save keeps the stored one. It is sealed in the database.
	APIKey Secret `json:"api_key"`
	KeySet bool   `json:"key_set"`
	// TimeoutMS bounds one call (default 8000); past it the plain FAQ
	// answer or the hand-off stands.
	TimeoutMS int `json:"timeout_ms"`
	// DailyCap is how many calls a day (UTC) all instances together may
	// make (default 500); past it the bot answers as if it were off.
	DailyCap int `json:"daily_cap"`
	// MinScore is the retrieval score below which the endpoint is not
	// asked: the entries must be about the message (default 0.2).
	MinScore  float64   `json:"min_score"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Defaults of GenerativeSettings.
const (
	DefaultGenerativeTimeoutMS = 8000
	DefaultGenerativeDailyCap  = 500
	DefaultGenerativeMinScore  = 0.2
)

// WithDefaults fills the zero knobs with their defaults.
func (g *GenerativeSettings) WithDefaults() *GenerativeSettings {
	if g.TimeoutMS == 0 {
		g.TimeoutMS = DefaultGenerativeTimeoutMS
	}
	if g.DailyCap == 0 {
		g.DailyCap = DefaultGenerativeDailyCap
	}
	if g.MinScore == 0 {
		g.MinScore = DefaultGenerativeMinScore
	}
	return g
}

// Validate checks the settings; an endpoint switched on needs its address
// and model (a key is optional: a self-hosted server may want none).
func (g *GenerativeSettings) Validate() error {
	p := Problems{}
	g.BaseURL = strings.TrimRight(strings.TrimSpace(g.BaseURL), "/")
	if g.BaseURL != "" {
		if u, err := url.Parse(g.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.Add("base_url", "must be an http(s) address")
		}
	}
	if g.Enabled {
		p.Require("base_url", g.BaseURL)
		p.Require("model", g.Model)
	}
	p.MaxLen("model", g.Model, 200)
	p.MaxLen("api_key", string(g.APIKey), 500)
	if g.TimeoutMS < 0 || g.TimeoutMS > 60000 {
		p.Add("timeout_ms", "must be between 0 and 60000")
	}
	if g.DailyCap < 0 {
		p.Add("daily_cap", "must not be negative")
	}
	if g.MinScore < 0 || g.MinScore > 1 {
		p.Add("min_score", "must be between 0 and 1")
	}
	return p.Err()
}

// GenerativeStore keeps the generative settings and counts the calls
// against the daily cap, across instances.
type GenerativeStore interface {
	// GenerativeSettings returns the settings (off, with defaults, when
	// never saved), with the key opened.
	GenerativeSettings(ctx context.Context) (*GenerativeSettings, error)
	// SaveGenerativeSettings stores g (an empty APIKey keeps the stored
	// one) and bumps the bot's revision. EINVALID names the field.
	SaveGenerativeSettings(ctx context.Context, g *GenerativeSettings) error
	// TakeGenerativeCall counts one call on day (YYYY-MM-DD) and reports
	// false, counting nothing, when cap calls were taken already.
	TakeGenerativeCall(ctx context.Context, day string, cap int) (bool, error)
}
