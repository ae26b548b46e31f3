package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// generatePassword returns a random password: 26 base32 characters, 130
// bits, easy to copy and type.
func generatePassword() string { return rand.Text() }

// isTerminal reports whether f is a character device: a terminal, or
// /dev/null, where there is nothing to read either way.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// passwordFromStdin reads a password piped on stdin (its first line). It
// reports false when stdin is a terminal: then the caller generates one.
func passwordFromStdin(stdin *os.File) (string, bool, error) {
	if stdin == nil || isTerminal(stdin) {
		return "", false, nil
	}
	b, err := io.ReadAll(io.LimitReader(stdin, 4096))
	if err != nil {
		return "", false, fmt.Errorf("read the password from stdin: %w", err)
	}
	pw, _, _ := strings.Cut(string(b), "\n")
	pw = strings.TrimSuffix(pw, "\r")
	if pw == "" {
		return "", false, usagef("stdin is not a terminal but holds no password; pipe one in, e.g. printf '%%s\\n' \"$PW\" | rapport user add …, or run from a terminal to get a generated one")
	}
	return pw, true, nil
}

// createUser hashes pw into u and stores u.
func createUser(ctx context.Context, users crm.UserStore, u *crm.User, pw string) (*crm.User, error) {
	hash, err := crm.HashPassword(pw)
	if err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	if err := users.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// newPassword is the password for a command that sets one: piped on stdin,
// or generated (generated reports true) to be printed once.
func (c *cli) newPassword() (pw string, piped bool, err error) {
	pw, piped, err = passwordFromStdin(c.stdin)
	if err == nil && !piped {
		pw = generatePassword()
	}
	return pw, piped, err
}

// printPassword shows a generated password; a piped one is never echoed.
func (c *cli) printPassword(pw string, piped bool) {
	if !piped {
		fmt.Fprintf(c.stdout, "Password (shown only this once): %s\n", pw)
	}
}
