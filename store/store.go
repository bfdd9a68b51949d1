package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// A Timeline as kept: a guild's timeline under a name. Body is the
// project's timeline JSON, validated by the caller; the store does not parse
// it.
type Timeline struct {
	Guild, Name string
	Body        []byte
	Version     int64     // the store's version when it was last put
	Updated     time.Time // when it was last put, UTC, to the microsecond
}

// A Change says that a timeline was put or deleted at Version.
type Change struct {
	Guild, Name string
	Deleted     bool
	Version     int64
}

// Store keeps timelines and default settings. All methods are safe for
// concurrent use.
type Store interface {
	// Put inserts or replaces a timeline atomically: a half-written one is
	// never visible. The returned Timeline's Body is body itself.
	Put(ctx context.Context, guild, name string, body []byte) (Timeline, error)
	// Get returns a timeline with its body, or an error wrapping ErrNotFound.
	Get(ctx context.Context, guild, name string) (Timeline, error)
	// Delete removes a timeline, leaving a tombstone change, and clears the
	// defaults that name it. A missing one gives an error wrapping
	// ErrNotFound.
	Delete(ctx context.Context, guild, name string) error
	// List returns a guild's timelines sorted by name, with Body nil.
	List(ctx context.Context, guild string) ([]Timeline, error)
	// All returns every guild's timelines with their bodies, sorted by guild
	// and name, and the version of that snapshot: pass it to Changes to
	// learn what changed after it.
	All(ctx context.Context) ([]Timeline, int64, error)
	// SetDefault sets the timeline that a channel uses when a question names
	// none; channel "" sets the guild's, which channels without their own
	// use. Name "" clears it. The name may be of a timeline the store does
	// not hold (one every server shares, from the operator's files); the
	// caller checks it exists. Deleting a timeline clears the defaults
	// naming it.
	SetDefault(ctx context.Context, guild, channel, name string) error
	// Default returns the channel's default, else the guild's, else "".
	Default(ctx context.Context, guild, channel string) (string, error)
	// Changes returns what changed after version since, in version order,
	// each timeline once with its latest change, and the version now.
	Changes(ctx context.Context, since int64) ([]Change, int64, error)
	// Close releases the store; later calls give ErrClosed. Closing twice
	// is harmless.
	Close() error
}

// Limits on what the store keeps.
const (
	// MaxNameLen is the most bytes in a guild, channel or timeline name.
	MaxNameLen = 100
	// MaxBodySize is the most bytes in a timeline's body: every process
	// keeps every timeline in memory, and one upload should not be able to
	// take much of it.
	MaxBodySize = 8 << 20
)

var (
	// ErrNotFound: no such timeline in that guild.
	ErrNotFound = errors.New("store: not found")
	// ErrInvalidName: a guild, channel or name is empty where it must not
	// be, is not valid UTF-8, or holds a NUL byte.
	ErrInvalidName = errors.New("store: invalid name")
	// ErrNameTooLong: a guild, channel or name is longer than MaxNameLen.
	ErrNameTooLong = errors.New("store: name too long")
	// ErrEmptyBody: Put was given no body.
	ErrEmptyBody = errors.New("store: empty timeline")
	// ErrBodyTooLarge: Put was given more than MaxBodySize bytes.
	ErrBodyTooLarge = errors.New("store: timeline too large")
	// ErrLocked: another process has the bbolt file open.
	ErrLocked = errors.New("store: database file is in use")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store: closed")
)

func notFound(guild, name string) error {
	return fmt.Errorf("%w: no timeline %q in guild %q", ErrNotFound, name, guild)
}

// checkName checks a guild, channel or timeline name; what says which, for
// the error. An empty one is allowed only where it means something (the
// guild's own default, clearing a default).
func checkName(what, s string, emptyOK bool) error {
	switch {
	case s == "" && !emptyOK:
		return fmt.Errorf("%w: the %s is empty", ErrInvalidName, what)
	case len(s) > MaxNameLen:
		return fmt.Errorf("%w: the %s is %d bytes, at most %d", ErrNameTooLong, what, len(s), MaxNameLen)
	case !utf8.ValidString(s):
		return fmt.Errorf("%w: the %s is not valid UTF-8", ErrInvalidName, what)
	case strings.IndexByte(s, 0) >= 0:
		return fmt.Errorf("%w: the %s holds a NUL byte", ErrInvalidName, what)
	}
	return nil
}

func checkKey(guild, name string) error {
	if err := checkName("guild", guild, false); err != nil {
		return err
	}
	return checkName("timeline name", name, false)
}

// checkDefault checks SetDefault's arguments: a guild, and a channel
// and a name that may be empty.
func checkDefault(guild, channel, name string) error {
	if err := checkName("guild", guild, false); err != nil {
		return err
	}
	if err := checkName("channel", channel, true); err != nil {
		return err
	}
	return checkName("timeline name", name, true)
}

func checkBody(body []byte) error {
	switch {
	case len(body) == 0:
		return ErrEmptyBody
	case len(body) > MaxBodySize:
		return fmt.Errorf("%w: %d bytes, at most %d (%d MiB)", ErrBodyTooLarge, len(body), MaxBodySize, MaxBodySize>>20)
	}
	return nil
}
