package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLoadEnv(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "url")
	if err := os.WriteFile(secret, []byte("postgres://u:p@db/rapport\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		env   map[string]string
		check func(Config) bool
		bad   bool
	}{
		{"defaults", nil, func(c Config) bool {
			return c.Addr == ":8080" && c.DataDir == "./data" && c.PhoneRegion == "CN" &&
				c.LogFormat == "text" && c.DatabaseURL == "" && c.SQLitePath() == filepath.Join("data", "rapport.db")
		}, false},
		{"plain values", map[string]string{"RAPPORT_ADDR": "127.0.0.1:9000", "RAPPORT_DATA": "/srv/r",
			"RAPPORT_SESSION_TTL": "12h", "RAPPORT_MAX_FILE_BYTES": "1048576", "RAPPORT_DB_MAX_CONNS": "20"},
			func(c Config) bool {
				return c.Addr == "127.0.0.1:9000" && c.FilesDir() == "/srv/r/files" &&
					c.SessionTTL == 12*time.Hour && c.MaxFileBytes == 1<<20 && c.DBMaxConns == 20
			}, false},
		{"secret from file", map[string]string{"RAPPORT_DATABASE_URL_FILE": secret},
			func(c Config) bool { return c.DatabaseURL == "postgres://u:p@db/rapport" && c.UsesPostgres() }, false},
		{"secret and file", map[string]string{"RAPPORT_DATABASE_URL": "postgres://a", "RAPPORT_DATABASE_URL_FILE": secret}, nil, true},
		{"bad number", map[string]string{"RAPPORT_MAX_BODY_BYTES": "1MB"}, nil, true},
		{"bad duration", map[string]string{"RAPPORT_SHUTDOWN_TIMEOUT": "15"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadEnv(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.bad {
				t.Fatalf("loadEnv error = %v, want error %v", err, tt.bad)
			}
			if !tt.bad && !tt.check(cfg) {
				t.Errorf("loadEnv = %+v", cfg)
			}
		})
	}
}

func TestValidateServe(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		ok     bool
	}{
		{"defaults", func(*Config) {}, true},
		{"lower-case region", func(c *Config) { c.PhoneRegion = "us" }, true},
		{"https base with slash", func(c *Config) { c.BaseURL = "https://crm.example.com/" }, true},
		{"region too long", func(c *Config) { c.PhoneRegion = "CHN" }, false},
		{"json logs", func(c *Config) { c.LogFormat = "JSON" }, true},
		{"xml logs", func(c *Config) { c.LogFormat = "xml" }, false},
		{"ftp base", func(c *Config) { c.BaseURL = "ftp://crm.example.com" }, false},
		{"short session", func(c *Config) { c.SessionTTL = time.Second }, false},
		{"no pool", func(c *Config) { c.DBMaxConns = 0 }, false},
		{"empty data dir", func(c *Config) { c.DataDir = "" }, false},
		{"trusted proxies", func(c *Config) { c.TrustedProxies = "127.0.0.1, 10.0.0.0/8" }, true},
		{"bad trusted proxy", func(c *Config) { c.TrustedProxies = "10.0.0.0/99" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			tt.change(&cfg)
			if err := cfg.validateServe(); (err == nil) != tt.ok {
				t.Errorf("validateServe() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
