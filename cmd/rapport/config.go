package main

import (
	"flag"
	"net/netip"
	"path/filepath"
	"time"
)

// Config is everything rapport can be told, from flags and RAPPORT_*
// environment variables (a flag wins over its variable). It is built once
// per command and passed down; nothing reads the environment elsewhere.
type Config struct {
	// Storage and logging, for every command that opens the database.
	DataDir     string // RAPPORT_DATA: SQLite database and blob files
	DatabaseURL string // RAPPORT_DATABASE_URL(_FILE): postgres://… selects PostgreSQL
	DBMaxConns  int    // RAPPORT_DB_MAX_CONNS: PostgreSQL pool size
	PhoneRegion string // RAPPORT_PHONE_REGION: region of numbers written without +CC
	LogLevel    string // RAPPORT_LOG_LEVEL: debug, info, warn, error
	LogFormat   string // RAPPORT_LOG_FORMAT: text or json
	// Stored files: on disk under DataDir unless FilesURL names a bucket.
	FilesURL    string // RAPPORT_FILES_URL: s3://bucket/prefix
	S3Endpoint  string // RAPPORT_S3_ENDPOINT: https://host[:port]; "": AWS
	S3Region    string // RAPPORT_S3_REGION
	S3AccessKey string // RAPPORT_S3_ACCESS_KEY(_FILE)
	S3SecretKey string // RAPPORT_S3_SECRET_KEY(_FILE)

	// Serving.
	Addr            string        // RAPPORT_ADDR
	BaseURL         string        // RAPPORT_BASE_URL: the URL users type, behind any proxy
	AdminEmail      string        // RAPPORT_ADMIN_EMAIL: the first administrator
	SessionTTL      time.Duration // RAPPORT_SESSION_TTL
	MaxBodyBytes    int64         // RAPPORT_MAX_BODY_BYTES: largest request body
	MaxFileBytes    int64         // RAPPORT_MAX_FILE_BYTES: largest stored file
	ShutdownTimeout time.Duration // RAPPORT_SHUTDOWN_TIMEOUT: grace for requests in flight
	TrustedProxies  string        // RAPPORT_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed
	RecordLang      string        // RAPPORT_RECORD_LANG: language of what Rapport writes into records (zh-CN or en)
	trustedProxies  []netip.Prefix

	// Inbound messages.
	OwnDomains string // RAPPORT_OWN_DOMAINS: our own mail domains, comma-separated: never a customer's
	LeadTeamID int64  // RAPPORT_LEAD_TEAM: team whose round robin assigns new leads; 0: the pool
	// RAPPORT_REOPEN_WITHIN: how long after its last message a resolved
	// conversation of a WeChat follower is reopened by their next message.
	ReopenWithin time.Duration

	// Web forms.
	FormIPPerMinute int   // RAPPORT_FORM_IP_PER_MINUTE: submissions per client address a minute (burst as many)
	FormPerSecond   int   // RAPPORT_FORM_PER_SECOND: submissions per form a second (burst twice as many)
	FormMaxBody     int64 // RAPPORT_FORM_MAX_BODY: largest form submission, bytes

	// Care plans and reminders.
	CareTimeZone      string        // RAPPORT_CARE_TIME_ZONE: a contact's zone unless set (IANA name)
	CareQuietHours    string        // RAPPORT_CARE_QUIET_HOURS: local hours without sends, "21:00-09:00"
	CareCap           int           // RAPPORT_CARE_CAP: care messages per contact in CareCapWindow
	CareCapWindow     time.Duration // RAPPORT_CARE_CAP_WINDOW
	ReminderMailbox   string        // RAPPORT_REMINDER_MAILBOX: the mailbox id reminder emails are sent from; "": none
	EscalateAfterDays int           // RAPPORT_ESCALATE_AFTER_DAYS: overdue follow-ups go to the manager after
	// Operations (webhooks, metrics).
	WebhookAllowPrivate bool   // RAPPORT_WEBHOOK_ALLOW_PRIVATE: webhooks may reach loopback and private addresses
	Metrics             bool   // RAPPORT_METRICS: record and serve /metrics (default true)
	MetricsToken        string // RAPPORT_METRICS_TOKEN(_FILE): bearer token for /metrics besides an admin session
	SecretKey           string // RAPPORT_SECRET_KEY(_FILE): 32-byte key sealing the secrets in the database
	AccessLog           bool   // RAPPORT_ACCESS_LOG: log each request (route pattern, status, duration)
}

// defaultConfig holds the defaults that apply before the environment.
func defaultConfig() Config {
	return Config{
		DataDir:         "./data",
		DBMaxConns:      8,
		PhoneRegion:     "CN",
		RecordLang:      "zh-CN",
		LogLevel:        "info",
		LogFormat:       "text",
		Addr:            ":8080",
		AdminEmail:      "admin@rapport.localhost",
		SessionTTL:      7 * 24 * time.Hour,
		ReopenWithin:    7 * 24 * time.Hour,
		MaxBodyBytes:    1 << 20,
		MaxFileBytes:    25 << 20,
		ShutdownTimeout: 15 * time.Second,
		Metrics:         true,
		FormIPPerMinute: 20,
		FormPerSecond:   100,
		FormMaxBody:     64 << 10,

		CareTimeZone:      "Asia/Shanghai",
		CareQuietHours:    "21:00-09:00",
		CareCap:           2,
		CareCapWindow:     7 * 24 * time.Hour,
		EscalateAfterDays: 3,
	}
}

// storageFlags registers the flags of every command that opens the
// database. Their defaults are the values already read from the
// environment, so a flag overrides its variable. The database URL has no
// flag: it may hold a password, and flags show in ps. The pool size and the
// phone region matter only to a long-running server, so only serve offers
// them as flags; their variables still apply everywhere.
func (cfg *Config) storageFlags(fs *flag.FlagSet) {
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "data `dir`: SQLite database and stored files (RAPPORT_DATA)")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "debug, info, warn or error (RAPPORT_LOG_LEVEL)")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "text or json (RAPPORT_LOG_FORMAT)")
}

// serveFlags registers the flags of rapport serve.
func (cfg *Config) serveFlags(fs *flag.FlagSet) {
	fs.IntVar(&cfg.DBMaxConns, "db-max-conns", cfg.DBMaxConns, "PostgreSQL connection pool size (RAPPORT_DB_MAX_CONNS)")
	fs.StringVar(&cfg.PhoneRegion, "phone-region", cfg.PhoneRegion, "`region` for phone numbers written without a country code (RAPPORT_PHONE_REGION)")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "`address` to listen on (RAPPORT_ADDR)")
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "public `URL` of this server, e.g. https://crm.example.com (RAPPORT_BASE_URL)")
	fs.StringVar(&cfg.AdminEmail, "admin-email", cfg.AdminEmail, "`email` of the administrator created on first start (RAPPORT_ADMIN_EMAIL)")
	fs.DurationVar(&cfg.SessionTTL, "session-ttl", cfg.SessionTTL, "how long a login lasts (RAPPORT_SESSION_TTL)")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", cfg.MaxBodyBytes, "largest request body (RAPPORT_MAX_BODY_BYTES)")
	fs.Int64Var(&cfg.MaxFileBytes, "max-file-bytes", cfg.MaxFileBytes, "largest stored file (RAPPORT_MAX_FILE_BYTES)")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", cfg.TrustedProxies, "comma-separated `addresses or CIDRs` of reverse proxies whose X-Forwarded-For is believed (RAPPORT_TRUSTED_PROXIES)")
	fs.StringVar(&cfg.OwnDomains, "own-domains", cfg.OwnDomains, "comma-separated `domains` of our own mail: never matched to a customer (RAPPORT_OWN_DOMAINS)")
	fs.Int64Var(&cfg.LeadTeamID, "lead-team", cfg.LeadTeamID, "`id` of the team whose round robin assigns new leads; 0 leaves them in the pool (RAPPORT_LEAD_TEAM)")
	fs.DurationVar(&cfg.ReopenWithin, "reopen-within", cfg.ReopenWithin, "how long after its last message a WeChat follower's resolved conversation is reopened by their next message; later a new one starts (RAPPORT_REOPEN_WITHIN)")
	fs.IntVar(&cfg.FormIPPerMinute, "form-ip-per-minute", cfg.FormIPPerMinute, "web-form submissions allowed per client address a minute (RAPPORT_FORM_IP_PER_MINUTE)")
	fs.IntVar(&cfg.FormPerSecond, "form-per-second", cfg.FormPerSecond, "web-form submissions allowed per form a second (RAPPORT_FORM_PER_SECOND)")
	fs.Int64Var(&cfg.FormMaxBody, "form-max-body", cfg.FormMaxBody, "largest web-form submission in bytes (RAPPORT_FORM_MAX_BODY)")
	fs.StringVar(&cfg.CareTimeZone, "care-time-zone", cfg.CareTimeZone, "IANA `zone` of contacts whose own is not set, for care send times and quiet hours (RAPPORT_CARE_TIME_ZONE)")
	fs.StringVar(&cfg.CareQuietHours, "care-quiet-hours", cfg.CareQuietHours, "local `HH:MM-HH:MM` in which no care message is sent; the send waits (RAPPORT_CARE_QUIET_HOURS)")
	fs.IntVar(&cfg.CareCap, "care-cap", cfg.CareCap, "care messages one contact may get in the cap window, across plans (RAPPORT_CARE_CAP)")
	fs.DurationVar(&cfg.CareCapWindow, "care-cap-window", cfg.CareCapWindow, "the care cap's window (RAPPORT_CARE_CAP_WINDOW)")
	fs.StringVar(&cfg.ReminderMailbox, "reminder-mailbox", cfg.ReminderMailbox, "`id` of the mailbox that emails users their due reminders; empty: reminders stay in the bell (RAPPORT_REMINDER_MAILBOX)")
	fs.IntVar(&cfg.EscalateAfterDays, "escalate-after-days", cfg.EscalateAfterDays, "days a follow-up's next step may be overdue before its maker's manager gets a task (RAPPORT_ESCALATE_AFTER_DAYS)")
	fs.BoolVar(&cfg.AccessLog, "access-log", cfg.AccessLog, "log each request: method, route pattern, status, duration, size; never paths, queries or bodies (RAPPORT_ACCESS_LOG)")
	fs.BoolVar(&cfg.WebhookAllowPrivate, "webhook-allow-private", cfg.WebhookAllowPrivate, "let webhooks reach loopback and private addresses (RAPPORT_WEBHOOK_ALLOW_PRIVATE)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", cfg.ShutdownTimeout, "grace for requests in flight on SIGTERM (RAPPORT_SHUTDOWN_TIMEOUT)")
}

// SQLitePath is where the embedded database lives.
func (cfg *Config) SQLitePath() string { return filepath.Join(cfg.DataDir, "rapport.db") }

// FilesDir is where stored files (attachments, raw messages) live.
func (cfg *Config) FilesDir() string { return filepath.Join(cfg.DataDir, "files") }

// UsesPostgres reports whether the database is PostgreSQL.
func (cfg *Config) UsesPostgres() bool { return cfg.DatabaseURL != "" }
