package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// boltLockTimeout is how long OpenBolt waits for another process to let go
// of the file: long enough for a restarting bot's old process to finish
// closing, short enough that a second process fails visibly.
const boltLockTimeout = 3 * time.Second

// boltFormat is written into a new file and checked on open, so that a file
// of a later, different layout is refused rather than misread.
const boltFormat = 1

// The file's layout. Keys joining a guild and a name put a NUL between them:
// names hold no NUL, so the join is unambiguous, and byte order of the
// joined keys is the order of (guild, name).
var (
	bucketMeta      = []byte("meta")      // "format", "version": big-endian uint64s
	bucketTimelines = []byte("timelines") // guild NUL name -> record (live or tombstone)
	bucketChanges   = []byte("changes")   // version -> flag byte, guild NUL name
	bucketDefaults  = []byte("defaults")  // guild NUL channel -> name; channel "" for the guild's
	keyFormat       = []byte("format")
	keyVersion      = []byte("version")
)

// A record is the version (8 bytes), the time it was put in Unix
// microseconds (8), a flag (1) and the body.
const (
	recordHeader = 17
	flagLive     = 0
	flagDeleted  = 1
)

type boltStore struct {
	db   *bolt.DB
	path string
}

// OpenBolt opens or creates the bbolt file at path. If another process has
// it open, it gives up after a few seconds with an error wrapping ErrLocked.
func OpenBolt(path string) (Store, error) {
	return openBolt(path, boltLockTimeout)
}

func openBolt(path string, timeout time.Duration) (Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s is open in another process (gave up after %v; only one process may use a bbolt store, use DATABASE_URL for several): %w", ErrLocked, path, timeout, err)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketTimelines, bucketChanges, bucketDefaults} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		switch f := meta.Get(keyFormat); {
		case f == nil:
			return meta.Put(keyFormat, u64(boltFormat))
		case len(f) != 8 || binary.BigEndian.Uint64(f) != boltFormat:
			return fmt.Errorf("unsupported file format %x (this build reads format %d)", f, boltFormat)
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return &boltStore{db: db, path: path}, nil
}

func (s *boltStore) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

func (s *boltStore) view(ctx context.Context, op string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return s.wrap(op, s.db.View(fn))
}

func (s *boltStore) update(ctx context.Context, op string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return s.wrap(op, s.db.Update(fn))
}

func (s *boltStore) wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return ErrClosed
	case errors.Is(err, ErrNotFound):
		return err
	}
	return fmt.Errorf("store: %s %s: %w", op, s.path, err)
}

func (s *boltStore) Put(ctx context.Context, guild, name string, body []byte) (Timeline, error) {
	if err := checkKey(guild, name); err != nil {
		return Timeline{}, err
	}
	if err := checkBody(body); err != nil {
		return Timeline{}, err
	}
	t := Timeline{Guild: guild, Name: name, Body: body}
	err := s.update(ctx, "put", func(tx *bolt.Tx) error {
		key := joinKey(guild, name)
		v, err := s.replace(tx, key)
		if err != nil {
			return err
		}
		t.Version = v
		t.Updated = time.UnixMicro(time.Now().UnixMicro()).UTC()
		return s.record(tx, key, v, t.Updated, flagLive, body)
	})
	if err != nil {
		return Timeline{}, err
	}
	return t, nil
}

// replace takes the next version for key and drops key's previous change,
// so that Changes reports each timeline once.
func (s *boltStore) replace(tx *bolt.Tx, key []byte) (int64, error) {
	if old := tx.Bucket(bucketTimelines).Get(key); old != nil {
		r, err := decodeRecord(key, old)
		if err != nil {
			return 0, err
		}
		if err := tx.Bucket(bucketChanges).Delete(u64(uint64(r.version))); err != nil {
			return 0, err
		}
	}
	meta := tx.Bucket(bucketMeta)
	var v uint64
	if b := meta.Get(keyVersion); b != nil {
		v = binary.BigEndian.Uint64(b)
	}
	v++
	return int64(v), meta.Put(keyVersion, u64(v))
}

func (s *boltStore) record(tx *bolt.Tx, key []byte, v int64, at time.Time, flag byte, body []byte) error {
	rec := make([]byte, recordHeader+len(body))
	binary.BigEndian.PutUint64(rec, uint64(v))
	binary.BigEndian.PutUint64(rec[8:], uint64(at.UnixMicro()))
	rec[16] = flag
	copy(rec[recordHeader:], body)
	if err := tx.Bucket(bucketTimelines).Put(key, rec); err != nil {
		return err
	}
	return tx.Bucket(bucketChanges).Put(u64(uint64(v)), append([]byte{flag}, key...))
}

func (s *boltStore) Get(ctx context.Context, guild, name string) (Timeline, error) {
	if err := checkKey(guild, name); err != nil {
		return Timeline{}, err
	}
	var t Timeline
	err := s.view(ctx, "get", func(tx *bolt.Tx) error {
		key := joinKey(guild, name)
		r, err := decodeRecord(key, tx.Bucket(bucketTimelines).Get(key))
		if err != nil {
			return err
		}
		if r.flag != flagLive {
			return notFound(guild, name)
		}
		t = r.timeline(guild, name, true)
		return nil
	})
	return t, err
}

func (s *boltStore) Delete(ctx context.Context, guild, name string) error {
	if err := checkKey(guild, name); err != nil {
		return err
	}
	return s.update(ctx, "delete", func(tx *bolt.Tx) error {
		key := joinKey(guild, name)
		if r, err := decodeRecord(key, tx.Bucket(bucketTimelines).Get(key)); err != nil {
			return err
		} else if r.flag != flagLive {
			return notFound(guild, name)
		}
		v, err := s.replace(tx, key)
		if err != nil {
			return err
		}
		if err := s.record(tx, key, v, time.Now(), flagDeleted, nil); err != nil {
			return err
		}
		// Collect first: deleting under a bbolt cursor can skip keys.
		defaults := tx.Bucket(bucketDefaults)
		prefix := joinKey(guild, "")
		var drop [][]byte
		c := defaults.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if string(v) == name {
				drop = append(drop, k)
			}
		}
		for _, k := range drop {
			if err := defaults.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *boltStore) List(ctx context.Context, guild string) ([]Timeline, error) {
	if err := checkName("guild", guild, false); err != nil {
		return nil, err
	}
	var ts []Timeline
	err := s.view(ctx, "list", func(tx *bolt.Tx) error {
		prefix := joinKey(guild, "")
		c := tx.Bucket(bucketTimelines).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			r, err := decodeRecord(k, v)
			if err != nil {
				return err
			}
			if r.flag == flagLive {
				ts = append(ts, r.timeline(guild, string(k[len(prefix):]), false))
			}
		}
		return nil
	})
	return ts, err
}

func (s *boltStore) All(ctx context.Context) ([]Timeline, int64, error) {
	var (
		ts  []Timeline
		now int64
	)
	err := s.view(ctx, "all", func(tx *bolt.Tx) error {
		now = version(tx)
		return tx.Bucket(bucketTimelines).ForEach(func(k, v []byte) error {
			r, err := decodeRecord(k, v)
			if err != nil {
				return err
			}
			if r.flag == flagLive {
				guild, name := splitKey(k)
				ts = append(ts, r.timeline(guild, name, true))
			}
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return ts, now, nil
}

func (s *boltStore) SetDefault(ctx context.Context, guild, channel, name string) error {
	if err := checkDefault(guild, channel, name); err != nil {
		return err
	}
	return s.update(ctx, "set default", func(tx *bolt.Tx) error {
		defaults := tx.Bucket(bucketDefaults)
		key := joinKey(guild, channel)
		if name == "" {
			return defaults.Delete(key)
		}
		return defaults.Put(key, []byte(name))
	})
}

func (s *boltStore) Default(ctx context.Context, guild, channel string) (string, error) {
	if err := checkName("guild", guild, false); err != nil {
		return "", err
	}
	if err := checkName("channel", channel, true); err != nil {
		return "", err
	}
	var name string
	err := s.view(ctx, "default", func(tx *bolt.Tx) error {
		defaults := tx.Bucket(bucketDefaults)
		if v := defaults.Get(joinKey(guild, channel)); v != nil {
			name = string(v)
		} else if v := defaults.Get(joinKey(guild, "")); v != nil {
			name = string(v)
		}
		return nil
	})
	return name, err
}

func (s *boltStore) Changes(ctx context.Context, since int64) ([]Change, int64, error) {
	var (
		chs []Change
		now int64
	)
	err := s.view(ctx, "changes", func(tx *bolt.Tx) error {
		now = version(tx)
		c := tx.Bucket(bucketChanges).Cursor()
		for k, v := c.Seek(u64(uint64(max(since, 0)) + 1)); k != nil; k, v = c.Next() {
			if len(k) != 8 || len(v) < 2 {
				return fmt.Errorf("corrupt change %x", k)
			}
			guild, name := splitKey(v[1:])
			chs = append(chs, Change{Guild: guild, Name: name, Deleted: v[0] == flagDeleted, Version: int64(binary.BigEndian.Uint64(k))})
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return chs, now, nil
}

type record struct {
	version int64
	updated time.Time
	flag    byte
	body    []byte // only valid inside the transaction
}

// decodeRecord decodes key's record v; a nil v is a missing timeline and
// decodes as a tombstone, which callers treat alike.
func decodeRecord(key, v []byte) (record, error) {
	if v == nil {
		return record{flag: flagDeleted}, nil
	}
	if len(v) < recordHeader {
		return record{}, fmt.Errorf("corrupt record for %q", key)
	}
	return record{
		version: int64(binary.BigEndian.Uint64(v)),
		updated: time.UnixMicro(int64(binary.BigEndian.Uint64(v[8:]))).UTC(),
		flag:    v[16],
		body:    v[recordHeader:],
	}, nil
}

func (r record) timeline(guild, name string, withBody bool) Timeline {
	t := Timeline{Guild: guild, Name: name, Version: r.version, Updated: r.updated}
	if withBody {
		// bbolt's bytes live in its memory map only while the transaction does.
		t.Body = bytes.Clone(r.body)
	}
	return t
}

func version(tx *bolt.Tx) int64 {
	if b := tx.Bucket(bucketMeta).Get(keyVersion); len(b) == 8 {
		return int64(binary.BigEndian.Uint64(b))
	}
	return 0
}

func joinKey(guild, name string) []byte {
	k := make([]byte, 0, len(guild)+1+len(name))
	k = append(k, guild...)
	k = append(k, 0)
	return append(k, name...)
}

func splitKey(k []byte) (guild, name string) {
	g, n, _ := bytes.Cut(k, []byte{0})
	return string(g), string(n)
}

func u64(v uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, v)
}
