package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version prints the version and the Go release it was built with.
func (c *cli) version(_ context.Context, args []string) error {
	if err := parse(c.flagSet("version"), args); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "rapport %s (%s)\n", versionString(), runtime.Version())
	return nil
}

// versionString is the version set by -ldflags, else the module version
// from the build information (a tag, or a pseudo-version with the commit),
// else the VCS revision, else "devel".
func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
