//go:build race

package web_test

// raceEnabled: the race detector multiplies memory, so RSS tests skip.
const raceEnabled = true
