package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
)

// workers are serve's background loops: the ingest writer, the outbox and
// the channels' pollers. They outlive the HTTP server's shutdown, so that
// requests still in flight can finish their ingest.
type workers struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
	log    *slog.Logger
}

type worker struct {
	name string
	run  func(ctx context.Context) error
}

// startWorkers runs each worker in its own goroutine until stop.
func startWorkers(log *slog.Logger, list []worker) *workers {
	ctx, cancel := context.WithCancel(context.Background())
	w := &workers{cancel: cancel, log: log}
	for _, wk := range list {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			if err := wk.run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("worker stopped", "worker", wk.name, "err", err)
			}
		}()
	}
	return w
}

// stop ends every worker and waits for them.
func (w *workers) stop() {
	w.cancel()
	w.wg.Wait()
}
