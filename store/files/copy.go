package files

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// Listed is a blob store whose blobs can be listed and checked: the disk
// store and the S3 one.
type Listed interface {
	crm.BlobStore
	Has(ctx context.Context, sum string) (bool, error)
	Each(ctx context.Context, fn func(sum string) error) error
}

// Copy copies each blob of from that to lacks, streaming it, and checks
// that it arrives under the same hash. Run again, it copies only what is
// still missing. It returns how many blobs it copied and found present.
func Copy(ctx context.Context, from, to Listed) (copied, present int, err error) {
	err = from.Each(ctx, func(sum string) error {
		ok, err := to.Has(ctx, sum)
		if err != nil {
			return err
		}
		if ok {
			present++
			return nil
		}
		r, err := from.Open(ctx, sum)
		if err != nil {
			return err
		}
		defer r.Close()
		b, err := to.Put(ctx, r)
		if err != nil {
			return fmt.Errorf("copy %s: %w", sum, err)
		}
		if b.SHA256 != sum {
			return fmt.Errorf("copy %s: arrived as %s (the source is damaged)", sum, b.SHA256)
		}
		copied++
		return nil
	})
	return copied, present, err
}
