package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// envReader fills a Config from RAPPORT_* variables, keeping the first
// problem it meets so that the loading code reads as a list.
type envReader struct {
	getenv func(string) string
	err    error
}

// loadEnv returns the defaults overridden by the environment.
func loadEnv(getenv func(string) string) (Config, error) {
	cfg := defaultConfig()
	e := &envReader{getenv: getenv}
	e.str(&cfg.DataDir, "RAPPORT_DATA")
	e.secret(&cfg.DatabaseURL, "RAPPORT_DATABASE_URL")
	e.int(&cfg.DBMaxConns, "RAPPORT_DB_MAX_CONNS")
	e.str(&cfg.PhoneRegion, "RAPPORT_PHONE_REGION")
	e.str(&cfg.RecordLang, "RAPPORT_RECORD_LANG")
	e.str(&cfg.LogLevel, "RAPPORT_LOG_LEVEL")
	e.str(&cfg.LogFormat, "RAPPORT_LOG_FORMAT")
	e.str(&cfg.FilesURL, "RAPPORT_FILES_URL")
	e.str(&cfg.S3Endpoint, "RAPPORT_S3_ENDPOINT")
	e.str(&cfg.S3Region, "RAPPORT_S3_REGION")
	e.secret(&cfg.S3AccessKey, "RAPPORT_S3_ACCESS_KEY")
	e.secret(&cfg.S3SecretKey, "RAPPORT_S3_SECRET_KEY")
	e.str(&cfg.Addr, "RAPPORT_ADDR")
	e.str(&cfg.BaseURL, "RAPPORT_BASE_URL")
	e.str(&cfg.AdminEmail, "RAPPORT_ADMIN_EMAIL")
	e.duration(&cfg.SessionTTL, "RAPPORT_SESSION_TTL")
	e.int64(&cfg.MaxBodyBytes, "RAPPORT_MAX_BODY_BYTES")
	e.int64(&cfg.MaxFileBytes, "RAPPORT_MAX_FILE_BYTES")
	e.duration(&cfg.ShutdownTimeout, "RAPPORT_SHUTDOWN_TIMEOUT")
	e.str(&cfg.TrustedProxies, "RAPPORT_TRUSTED_PROXIES")
	e.str(&cfg.OwnDomains, "RAPPORT_OWN_DOMAINS")
	e.int64(&cfg.LeadTeamID, "RAPPORT_LEAD_TEAM")
	e.duration(&cfg.ReopenWithin, "RAPPORT_REOPEN_WITHIN")
	e.int(&cfg.FormIPPerMinute, "RAPPORT_FORM_IP_PER_MINUTE")
	e.int(&cfg.FormPerSecond, "RAPPORT_FORM_PER_SECOND")
	e.int64(&cfg.FormMaxBody, "RAPPORT_FORM_MAX_BODY")
	e.str(&cfg.CareTimeZone, "RAPPORT_CARE_TIME_ZONE")
	e.str(&cfg.CareQuietHours, "RAPPORT_CARE_QUIET_HOURS")
	e.int(&cfg.CareCap, "RAPPORT_CARE_CAP")
	e.duration(&cfg.CareCapWindow, "RAPPORT_CARE_CAP_WINDOW")
	e.str(&cfg.ReminderMailbox, "RAPPORT_REMINDER_MAILBOX")
	e.int(&cfg.EscalateAfterDays, "RAPPORT_ESCALATE_AFTER_DAYS")
	e.boolean(&cfg.WebhookAllowPrivate, "RAPPORT_WEBHOOK_ALLOW_PRIVATE")
	e.boolean(&cfg.AccessLog, "RAPPORT_ACCESS_LOG")
	e.boolean(&cfg.Metrics, "RAPPORT_METRICS")
	e.secret(&cfg.MetricsToken, "RAPPORT_METRICS_TOKEN")
	e.secret(&cfg.SecretKey, "RAPPORT_SECRET_KEY")
	return cfg, e.err
}

func (e *envReader) fail(name, format string, args ...any) {
	if e.err == nil {
		e.err = usagef("%s: %s", name, fmt.Sprintf(format, args...))
	}
}

func (e *envReader) str(dst *string, name string) {
	if v := strings.TrimSpace(e.getenv(name)); v != "" {
		*dst = v
	}
}

// secret reads NAME, or the file named by NAME_FILE (Docker and Kubernetes
// secrets), never both.
func (e *envReader) secret(dst *string, name string) {
	v, file := e.getenv(name), e.getenv(name+"_FILE")
	switch {
	case v != "" && file != "":
		e.fail(name, "set either %s or %s_FILE, not both", name, name)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			e.fail(name+"_FILE", "%v", err)
			return
		}
		*dst = strings.TrimSpace(string(b))
	case v != "":
		*dst = strings.TrimSpace(v)
	}
}

func (e *envReader) int(dst *int, name string) {
	var n int64 = int64(*dst)
	e.int64(&n, name)
	*dst = int(n)
}

func (e *envReader) int64(dst *int64, name string) {
	v := strings.TrimSpace(e.getenv(name))
	if v == "" {
		return
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		e.fail(name, "%q is not a whole number", v)
		return
	}
	*dst = n
}

func (e *envReader) duration(dst *time.Duration, name string) {
	v := strings.TrimSpace(e.getenv(name))
	if v == "" {
		return
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.fail(name, "%q is not a duration (e.g. 30s, 12h)", v)
		return
	}
	*dst = d
}
