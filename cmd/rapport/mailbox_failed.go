package main

import (
	"context"
	"flag"
	"fmt"
)

// mailboxFailed lists the messages a mailbox's poller set aside.
func (c *cli) mailboxFailed(ctx context.Context, args []string) error {
	db, id, err := c.mailboxStore(ctx, "mailbox failed", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.FailedMails(ctx, id, false)
	if err != nil {
		return describe(err, "list the failed messages")
	}
	for _, f := range list {
		retry := ""
		if f.Retry {
			retry = "\tretry asked"
		}
		fmt.Fprintf(c.stdout, "%d\t%s\tuid %d\t%d bytes\t%d attempts\t%s\t%s%s\n", f.ID, f.Folder, f.UID, f.Size,
			f.Attempts, f.FailedAt.Format("2006-01-02 15:04"), f.Error, retry)
	}
	return nil
}

// mailboxRetry asks the poller to try set-aside messages again.
func (c *cli) mailboxRetry(ctx context.Context, args []string) error {
	var one int64
	db, id, err := c.mailboxStore(ctx, "mailbox retry", args, func(fs *flag.FlagSet) {
		fs.Int64Var(&one, "failed", 0, "retry only this failed message `id` (default: all of the mailbox)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.RetryFailedMails(ctx, id, one)
	if err != nil {
		return describe(err, "retry the failed messages")
	}
	fmt.Fprintf(c.stdout, "%d message(s) will be retried at the mailbox's next sync (within a minute while it runs).\n", n)
	return nil
}
