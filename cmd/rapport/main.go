// Command rapport is Rapport's one binary: it serves the web app and API and
// holds the administrative commands (migrate, user, token).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise versionString reads the module's build information.
var version string

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// cli is what every command gets from the process: its streams and
// environment, passed in so that tests and main share one path.
type cli struct {
	stdin  *os.File
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	self   string // how to run rapport again, for hints: see invocation
}

func main() {
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, self: selfInvocation()}
	os.Exit(c.run(context.Background(), os.Args[1:]))
}

// run executes one command and turns its error into an exit code and a
// message on stderr.
func (c *cli) run(ctx context.Context, args []string) int {
	err := c.dispatch(ctx, args)
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFlagsPrinted):
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "rapport: %s\nRun '%s help' for usage.\n", ue.msg, c.self)
		return exitUsage
	}
	fmt.Fprintf(c.stderr, "rapport: error: %v\n", err)
	return exitRuntime
}
