package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/store/sqlstore"
)

// Searching the index: what a search asks of it.

// Newest returns the ids of the newest limit messages whose text contains
// every word, after indexing what is new.
func (x *searchIndex) Newest(ctx context.Context, words []string, limit int) ([]int64, error) {
	if err := x.catchUp(ctx, searchCatchUpLimit); err != nil {
		return nil, err
	}
	cond, args := matchWords(words)
	rows, err := x.read.QueryContext(ctx, `SELECT rowid FROM message_search WHERE `+cond+
		` ORDER BY rowid DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return ids, nil
}

// CatchUp indexes every message not indexed yet.
func (x *searchIndex) CatchUp(ctx context.Context) error {
	return x.catchUp(ctx, 1<<30)
}

// matchWords builds the condition: one MATCH of quoted phrases for the
// words of three characters or more (trigrams), LIKE for shorter ones,
// which only the rows the longer words found need to pass (alone, they
// scan every row: slower, and docs/inbox.md says so).
func matchWords(words []string) (string, []any) {
	var phrases, conds []string
	var args []any
	for _, word := range words {
		if utf8.RuneCountInString(word) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(word, `"`, `""`)+`"`)
			continue
		}
		args = append(args, "%"+sqlstore.EscapeLike(word)+"%")
		conds = append(conds, fmt.Sprintf(`doc LIKE $%d ESCAPE '\'`, len(args)))
	}
	if len(phrases) > 0 {
		args = append(args, strings.Join(phrases, " AND "))
		conds = append([]string{fmt.Sprintf("message_search MATCH $%d", len(args))}, conds...)
	}
	return strings.Join(conds, " AND "), args
}
