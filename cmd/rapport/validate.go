package main

import (
	"net/url"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// validateStorage checks the settings every database command uses.
func (cfg *Config) validateStorage() error {
	cfg.PhoneRegion = strings.ToUpper(cfg.PhoneRegion)
	cfg.LogLevel = strings.ToLower(cfg.LogLevel)
	cfg.LogFormat = strings.ToLower(cfg.LogFormat)
	switch {
	case cfg.DataDir == "":
		return usagef("the data directory (--data, RAPPORT_DATA) must not be empty")
	case cfg.DatabaseURL != "" && !isPostgresURL(cfg.DatabaseURL):
		return usagef("RAPPORT_DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite database)")
	case cfg.DBMaxConns < 1 || cfg.DBMaxConns > 1000:
		return usagef("--db-max-conns (RAPPORT_DB_MAX_CONNS) must be between 1 and 1000, got %d", cfg.DBMaxConns)
	case !validRegion(cfg.PhoneRegion):
		return usagef("--phone-region (RAPPORT_PHONE_REGION) must be a two-letter region code such as CN or US, got %q", cfg.PhoneRegion)
	case !oneOf(cfg.LogLevel, "debug", "info", "warn", "error"):
		return usagef("--log-level must be debug, info, warn or error, got %q", cfg.LogLevel)
	case !oneOf(cfg.LogFormat, "text", "json"):
		return usagef("--log-format must be text or json, got %q", cfg.LogFormat)
	}
	return nil
}

// validateServe checks the settings of rapport serve.
func (cfg *Config) validateServe() error {
	if err := cfg.validateStorage(); err != nil {
		return err
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	email, emailOK := crm.NormalizeEmail(cfg.AdminEmail)
	cfg.AdminEmail = email
	switch {
	case cfg.Addr == "":
		return usagef("--addr must not be empty")
	case cfg.BaseURL != "" && !validBaseURL(cfg.BaseURL):
		return usagef("--base-url must be an http:// or https:// URL such as https://crm.example.com, got %q", cfg.BaseURL)
	case !emailOK:
		return usagef("--admin-email is not a valid email address (it needs a dot in the domain, e.g. admin@example.com)")
	case cfg.SessionTTL < time.Minute:
		return usagef("--session-ttl must be at least 1m, got %s", cfg.SessionTTL)
	case cfg.MaxBodyBytes < 1024 || cfg.MaxFileBytes < 1024:
		return usagef("--max-body-bytes and --max-file-bytes must be at least 1024")
	case cfg.ShutdownTimeout < 0:
		return usagef("--shutdown-timeout must not be negative")
	}
	proxies, err := web.ParseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return usagef("--trusted-proxies: %v", err)
	}
	cfg.trustedProxies = proxies
	return nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

func validBaseURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		u.RawQuery == "" && u.Fragment == ""
}

func validRegion(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func oneOf(s string, allowed ...string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}
