//go:build !race

package email_test

const raceEnabled = false
