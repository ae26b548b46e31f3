package sqlstore

// What moving a whole installation (rapport export / rapport import) does
// with each table the migrations create. The exporter reads the table list
// from the database's own catalog and refuses a table that is not named
// here: a migration that adds a table must say whether it moves, or the
// export fails (and TestMoveKnowsEveryTable with it) instead of silently
// leaving the table behind.
type moveRole int

const (
	// moved: every row is exported and imported as it is.
	moved moveRole = iota + 1
	// seeded: moved, but a migration already inserts rows into it, so the
	// import replaces those rather than counting them as "not empty".
	seeded
	// derived: rebuilt from the moved tables (search indexes, the
	// migration record, SQLite's counters, carried as sequences).
	derived
	// transient: coordination between running instances (leases, rate
	// counters) that a new installation starts without.
	transient
)

var moveRoles = map[string]moveRole{
	"api_tokens": moved, "assignment_rules": moved, "attachment_refs": moved, "attachments": moved,
	"audit_log": moved, "bot_decisions": moved, "bot_faqs": moved, "bot_generative": moved,
	"bot_generative_usage": moved, "bot_paused": moved, "bot_unanswered": moved, "bot_revision": seeded, "bot_rules": moved,
	"bot_settings": moved, "canned_replies": moved, "care_contacts": moved, "care_occurrences": moved,
	"care_plans": moved, "contact_emails": moved, "contact_identities": moved, "contact_phones": moved,
	"contacts": moved, "conversation_folds": moved, "conversation_labels": moved, "conversation_notes": moved,
	"conversation_refs": moved, "conversations": moved, "cursors": moved, "customer_domains": moved,
	"customers": moved, "deliveries": moved, "failed_mail": moved,
	"followup_escalations": moved, "followup_refs": moved, "followup_reviews": moved, "followups": moved,
	"forms": moved, "import_jobs": moved, "import_rows": moved, "lead_conversions": moved, "leads": moved,
	"mailbox_status": moved, "mailboxes": moved, "message_links": moved, "message_raw": moved,
	"messages": moved, "order_lines": moved, "orders": moved, "outbox": moved, "payment_plans": moved,
	"payments": moved, "pool_events": moved, "pool_limits": moved, "pool_rules": moved, "products": moved,
	"reminder_mail_items": moved, "reminder_mails": moved, "review_candidates": moved,
	"satisfaction_settings": moved, "satisfaction_surveys": moved, "sender_threads": moved,
	"server_keys": moved, "sessions": moved, "task_refs": moved, "tasks": moved, "teams": moved,
	"user_settings": moved, "users": moved, "webhook_attempts": moved, "webhook_deliveries": moved,
	"webhooks": moved, "wechat_accounts": moved, "wechat_media": moved, "wechat_tokens": moved,
	"wechat_users": moved,
	// migrations 0035–0040
	"contact_labels": moved, "customer_labels": moved, "lead_labels": moved, "install_flags": moved, "labels": moved, "list_columns": moved,
	"report_sales_days": moved, "report_sales_months": moved, "saved_filters": moved, "user_keys": moved,
	"user_notices": moved, "user_wechat_codes": moved, "user_wechat_links": moved,
	// migration 0043: the receivables rollup (its days are marked again by
	// the import's inserts into payment_plans and payments, like the sales')
	"report_payment_hours": moved, "report_receivable_days": moved,

	"schema_migrations": derived, // the export's header lists them; the target migrates itself
	// SQLite's FTS5 name index for the record pickers (migration 0025) and
	// its shadow tables: filled by triggers as customers are inserted.
	"customer_names": derived, "customer_names_config": derived, "customer_names_data": derived,
	"customer_names_docsize": derived, "customer_names_idx": derived,

	// The days whose sales rollup is to be rebuilt: the import's own inserts
	// into orders mark them again through the triggers (migration 0039).
	"report_dirty_days": transient,

	"leases": transient, "mailbox_leases": transient, "rate_counters": transient,
}

// movesRows reports whether the export carries the table's rows.
func (r moveRole) movesRows() bool { return r == moved || r == seeded }
