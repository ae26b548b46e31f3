package main

import (
	"os"
	"path/filepath"
	"strings"
)

// invocation is how the user can run rapport again, for the hints it
// prints. After `go run ./cmd/rapport` the binary lives in a temporary
// go-build directory (or the build cache) that is gone once it exits, so
// the hint names `go run ./cmd/rapport` instead. A bare name was found on
// the PATH and works as typed; a path (./rapport, /usr/local/bin/rapport)
// is given back as the user typed it.
func invocation(arg0, executable string) string {
	for _, el := range strings.Split(filepath.ToSlash(executable), "/") {
		if strings.HasPrefix(el, "go-build") {
			return "go run ./cmd/rapport"
		}
	}
	if arg0 == "" {
		return "rapport"
	}
	return arg0
}

// selfInvocation is invocation for this process.
func selfInvocation() string {
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	}
	return invocation(os.Args[0], exe)
}
