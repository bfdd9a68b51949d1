package bot

import (
	"context"
	"runtime"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits bound what one person, one channel and everyone together can ask
// of the bot at once. The defaults are far above a conversation and well
// below a flood.
type Limits struct {
	// PerUser questions a user may ask, refilling one every UserEvery.
	PerUser   int
	UserEvery time.Duration
	// PerChannel questions a channel may ask, refilling one every
	// ChannelEvery.
	PerChannel   int
	ChannelEvery time.Duration
	// Concurrent is how many answers are worked on at once; more wait,
	// up to their deadline.
	Concurrent int
}

// DefaultLimits are 5 questions per user per 10 seconds, 20 per channel
// per 10 seconds, and four answers at once per processor.
func DefaultLimits() Limits {
	return Limits{PerUser: 5, UserEvery: 2 * time.Second, PerChannel: 20, ChannelEvery: 500 * time.Millisecond, Concurrent: 4 * runtime.GOMAXPROCS(0)}
}

// guard applies Limits: token buckets per user and per channel, and a
// semaphore for the work.
type guard struct {
	limits   Limits
	mu       sync.Mutex
	users    map[string]*bucket
	channels map[string]*bucket
	slots    chan struct{}
}

type bucket struct {
	lim    *rate.Limiter
	warned bool // told once to slow down since it last let a question by
	used   time.Time
}

// maxBuckets bounds the buckets kept; past it, full ones are forgotten.
const maxBuckets = 50_000

func newGuard(l Limits) *guard {
	return &guard{limits: l, users: map[string]*bucket{}, channels: map[string]*bucket{}, slots: make(chan struct{}, max(1, l.Concurrent))}
}

// admit reports whether a question from user in channel may be answered
// now. If not, wait is how long until it may, and warn is set the first
// time since it was last let by: the asker is told once, then not again
// until the bucket lets a question by.
func (g *guard) admit(user, channel string, now time.Time) (ok bool, wait time.Duration, warn bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	u := g.bucketLocked(g.users, user, g.limits.PerUser, g.limits.UserEvery, now)
	c := g.bucketLocked(g.channels, channel, g.limits.PerChannel, g.limits.ChannelEvery, now)
	ru, rc := u.lim.ReserveN(now, 1), c.lim.ReserveN(now, 1)
	if d := max(ru.DelayFrom(now), rc.DelayFrom(now)); d > 0 {
		// Refused: neither bucket pays for it.
		ru.CancelAt(now)
		rc.CancelAt(now)
		warn = !u.warned
		u.warned = true
		return false, d, warn
	}
	u.warned = false
	return true, 0, false
}

func (g *guard) bucketLocked(m map[string]*bucket, key string, burst int, every time.Duration, now time.Time) *bucket {
	b, ok := m[key]
	if !ok {
		if len(m) >= maxBuckets {
			for k, old := range m {
				if now.Sub(old.used) > time.Duration(burst)*every {
					delete(m, k) // full again: forgetting it changes nothing
				}
			}
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(every), burst)}
		m[key] = b
	}
	b.used = now
	return b
}

// acquire takes a place to work in, waiting until ctx ends; release gives
// it back.
func (g *guard) acquire(ctx context.Context) bool {
	select {
	case g.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (g *guard) release() { <-g.slots }
