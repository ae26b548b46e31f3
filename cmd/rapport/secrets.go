package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/rapport-crm/rapport/internal/sealed"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// secureSecrets gives the store the key from RAPPORT_SECRET_KEY, checks
// that it opens the secrets already sealed (a wrong or missing key stops
// here, with the reason, instead of serving with unreadable secrets), and
// seals the ones written clear before a key was set.
func secureSecrets(ctx context.Context, cfg *Config, db *sqlstore.DB, log *slog.Logger) error {
	if cfg.SecretKey != "" {
		key, err := sealed.ParseKey(cfg.SecretKey)
		if err != nil {
			return usagef("RAPPORT_SECRET_KEY: %v", err)
		}
		box, err := sealed.New(key)
		if err != nil {
			return err
		}
		db.UseSealer(box)
	}
	if err := db.CheckSecrets(ctx); err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	n, err := db.SealSecrets(ctx)
	if err != nil {
		return fmt.Errorf("seal the secrets written clear: %w", err)
	}
	if n > 0 {
		log.Info("secrets sealed with RAPPORT_SECRET_KEY", "count", n)
	}
	return nil
}
