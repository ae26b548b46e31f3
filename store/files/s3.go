package files

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/rapport-crm/rapport/crm"
)

// S3Config says where an S3-compatible bucket is and how to reach it.
type S3Config struct {
	URL string // s3://bucket/prefix
	// Endpoint is the server, https://host[:port] (http:// for a server on
	// a private network); "": AWS S3 in Region.
	Endpoint  string
	Region    string
	AccessKey string
	SecretKey string
	MaxSize   int64  // bytes
	TempDir   string // where uploads are spooled while they are hashed
}

// S3 is a crm.BlobStore in an S3-compatible bucket, content-addressed as
// the disk store is: prefix/ab/abcdef…. Several instances share it
// without a shared file system.
type S3 struct {
	c       *minio.Client
	bucket  string
	prefix  string
	maxSize int64
	tmp     string
}

var _ crm.BlobStore = (*S3)(nil)

// IsS3URL reports whether u names a bucket (s3://…).
func IsS3URL(u string) bool { return strings.HasPrefix(u, "s3://") }

// NewS3 checks cfg and that the bucket exists.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("files: %q is not s3://bucket/prefix", cfg.URL)
	}
	if cfg.MaxSize <= 0 {
		return nil, fmt.Errorf("files: max size must be positive, got %d", cfg.MaxSize)
	}
	host, secure := "s3.amazonaws.com", true
	if cfg.Endpoint != "" {
		e, err := url.Parse(cfg.Endpoint)
		if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
			return nil, fmt.Errorf("files: the S3 endpoint must be http(s)://host[:port]")
		}
		host, secure = e.Host, e.Scheme == "https"
	}
	c, err := minio.New(host, &minio.Options{Secure: secure, Region: cfg.Region,
		Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	s := &S3{c: c, bucket: u.Host, prefix: strings.Trim(u.Path, "/"), maxSize: cfg.MaxSize, tmp: cfg.TempDir}
	ok, err := c.BucketExists(ctx, s.bucket)
	if err != nil {
		return nil, fmt.Errorf("files: S3 bucket %s: %w", s.bucket, err)
	}
	if !ok {
		return nil, fmt.Errorf("files: S3 bucket %s does not exist", s.bucket)
	}
	return s, nil
}

func (s *S3) key(sum string) string { return path.Join(s.prefix, sum[:2], sum) }

// Put spools r to a temporary file while hashing it (the key is the hash,
// known only at the end), then uploads the file unless the bucket holds
// the blob already. Memory stays flat whatever the size.
func (s *S3) Put(ctx context.Context, r io.Reader) (crm.Blob, error) {
	tmp, err := os.CreateTemp(s.tmp, tempPrefix+"*")
	if err != nil {
		return crm.Blob{}, fmt.Errorf("files: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	b, err := spool(ctx, tmp, r, s.maxSize)
	if err != nil {
		return crm.Blob{}, err
	}
	if _, err := s.c.StatObject(ctx, s.bucket, s.key(b.SHA256), minio.StatObjectOptions{}); err == nil {
		return b, nil
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return crm.Blob{}, fmt.Errorf("files: %w", err)
	}
	// One PUT, streamed from the file, up to S3's 5 GiB: a multipart upload
	// would buffer a part (16 MiB or more) per thread in memory.
	part := uint64(max(b.Size+1, 16<<20))
	_, err = s.c.PutObject(ctx, s.bucket, s.key(b.SHA256), tmp, b.Size,
		minio.PutObjectOptions{ContentType: "application/octet-stream", PartSize: min(part, 5<<30)})
	if err != nil {
		return crm.Blob{}, fmt.Errorf("files: upload: %w", err)
	}
	return b, nil
}

// Open streams the blob with this hash. ENOTFOUND.
func (s *S3) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	sum = strings.ToLower(sum)
	if !validSum(sum) {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such file.")
	}
	obj, err := s.c.GetObject(ctx, s.bucket, s.key(sum), minio.GetObjectOptions{})
	if err == nil {
		_, err = obj.Stat() // GetObject is lazy: ask now, to answer "not found"
	}
	if err != nil {
		if obj != nil {
			obj.Close()
		}
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, crm.Errorf(crm.ENOTFOUND, "No such file.")
		}
		return nil, fmt.Errorf("files: download: %w", err)
	}
	return obj, nil
}

// Has reports whether the blob is stored.
func (s *S3) Has(ctx context.Context, sum string) (bool, error) {
	_, err := s.c.StatObject(ctx, s.bucket, s.key(sum), minio.StatObjectOptions{})
	if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
		return false, nil
	}
	return err == nil, err
}

// Each calls fn with the hash of every stored blob.
func (s *S3) Each(ctx context.Context, fn func(sum string) error) error {
	prefix := s.prefix
	if prefix != "" {
		prefix += "/"
	}
	for obj := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if obj.Err != nil {
			return fmt.Errorf("files: list: %w", obj.Err)
		}
		if sum := path.Base(obj.Key); validSum(sum) {
			if err := fn(sum); err != nil {
				return err
			}
		}
	}
	return nil
}
