package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// maxSlots bounds the instances that may share one data directory.
const maxSlots = 16

// instance is this process's name in leases, and the lock that keeps it
// its own.
type instance struct {
	name string
	lock *os.File // nil: a name for this process only
}

// claimInstance names this process in leases (the mailbox pollers'). The
// name is host/ID, where ID is kept in the data directory in a slot file
// that this process holds locked while it runs: a process restarted after
// a crash takes the same slot, so it is the holder of its predecessor's
// leases and polls again at once instead of waiting for them to expire,
// and two live processes never share a name (a second one sharing the
// directory takes the next slot). The lock goes with the process, however
// it dies. Without a usable directory the name is host/pid, which is safe
// but waits for leases after a restart.
func claimInstance(dataDir string, log *slog.Logger) *instance {
	host, err := os.Hostname()
	if err != nil {
		host = "rapport"
	}
	if err := os.MkdirAll(dataDir, 0o700); err == nil {
		for slot := 1; slot <= maxSlots; slot++ {
			id, f, err := takeSlot(filepath.Join(dataDir, fmt.Sprintf("instance-%d.lock", slot)))
			if err == nil {
				return &instance{name: host + "/" + id, lock: f}
			}
			if !errors.Is(err, errSlotTaken) {
				log.Warn("instance id not kept; leases wait to expire after a restart", "err", err)
				break
			}
		}
	}
	return &instance{name: instanceName()}
}

// instanceName names this process alone: host and process id. The
// scheduler's leases use it, since a sweep's period lease must not pass to
// a restarted process (it would run the sweep again in the same period).
func instanceName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "rapport"
	}
	return fmt.Sprintf("%s/%d", host, os.Getpid())
}

var errSlotTaken = errors.New("instance slot held by a running process")

// takeSlot locks the slot file and returns the id written in it, writing
// a new one the first time.
func takeSlot(path string) (string, *os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return "", nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return "", nil, err
	}
	b := make([]byte, 64)
	n, _ := f.ReadAt(b, 0)
	id := strings.TrimSpace(string(b[:n]))
	if id == "" {
		id = "i-" + strings.ToLower(rand.Text()[:12])
		if _, err := f.WriteAt([]byte(id+"\n"), 0); err != nil {
			f.Close()
			return "", nil, err
		}
	}
	return id, f, nil
}

// release lets the slot go (a process that ends releases it anyway).
func (i *instance) release() {
	if i.lock != nil {
		i.lock.Close()
	}
}
