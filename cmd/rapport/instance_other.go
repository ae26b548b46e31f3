//go:build !unix

package main

import (
	"errors"
	"os"
)

// lockFile is not available here: the instance is named by its pid.
func lockFile(*os.File) error { return errors.ErrUnsupported }
