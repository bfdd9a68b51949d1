package library

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
	"github.com/timelinebot/timelinebot/store"
)

// Importer reads an uploaded file, in whatever format its name and
// content say, into a timeline, with what it skipped and why.
type Importer func(filename string, body []byte) (*data.Timeline, []string, error)

// CodeBadUpload is an upload that is not a timeline.
const CodeBadUpload answer.Code = "bad_timeline"

// MaxPerServer is the most timelines one server may keep: every process
// holds every server's indexes.
const MaxPerServer = 25

// closeGrace is how long a replaced index stays open: the answers it was
// serving finish first.
const closeGrace = 10 * time.Second

// Library is the servers' own timelines.
type Library struct {
	store   store.Store
	catalog *catalog.Catalog
	read    Importer
	log     *slog.Logger

	mu      sync.Mutex
	version int64                  // the store's version the catalog is at
	indexes map[key]*index.Index   // open, to close when replaced
	bodies  map[key]store.Timeline // versions in the catalog, to skip what is current
}

type key struct{ guild, name string }

// Open loads every server's timeline from the store into the catalog,
// building the indexes in parallel. A stored timeline that no longer
// loads (a newer validator, say) is logged and left out, not fatal.
func Open(ctx context.Context, st store.Store, c *catalog.Catalog, read Importer, log *slog.Logger) (*Library, error) {
	l := &Library{store: st, catalog: c, read: read, log: log, indexes: map[key]*index.Index{}, bodies: map[key]store.Timeline{}}
	all, version, err := st.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the servers' timelines: %w", err)
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, t := range all {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			l.install(ctx, t)
		})
	}
	wg.Wait()
	l.version = version
	return l, nil
}

// install builds a stored timeline's index and puts it in the catalog.
func (l *Library) install(ctx context.Context, t store.Timeline) {
	tl, err := data.Parse(bytes.NewReader(t.Body))
	if err == nil {
		err = l.put(ctx, t, tl)
	}
	if err != nil {
		l.log.Error("a server's timeline does not load; leaving it out", "guild", t.Guild, "name", t.Name, "err", err)
	}
}

func (l *Library) put(ctx context.Context, t store.Timeline, tl *data.Timeline) error {
	ix, err := index.Build(ctx, tl)
	if err != nil {
		return err
	}
	return l.installIndex(t, ix)
}

// installIndex puts a built index in the catalog, unless a newer version
// of the timeline is there already: two writes of one name, or a write
// and a sync, may finish in either order, and the newest must win.
func (l *Library) installIndex(t store.Timeline, ix *index.Index) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := key{t.Guild, t.Name}
	if have, ok := l.bodies[k]; ok && have.Version > t.Version {
		ix.Close()
		return nil
	}
	if _, err := l.catalog.Put(t.Guild, t.Name, answer.New(ix)); err != nil {
		ix.Close()
		return err
	}
	l.retireLocked(k)
	l.indexes[k] = ix
	t.Body = nil
	l.bodies[k] = t
	return nil
}

// retireLocked closes a replaced index once the answers it serves are
// done.
func (l *Library) retireLocked(k key) {
	if old := l.indexes[k]; old != nil {
		delete(l.indexes, k)
		time.AfterFunc(closeGrace, func() { old.Close() })
	}
}

// Add imports an upload as the server's timeline called name ("" names
// it after the file), keeps it and answers from it; it returns the
// catalog's entry and what the import skipped. A file that is not a
// timeline is a user error with the importer's own words.
func (l *Library) Add(ctx context.Context, guild, name, filename string, body []byte) (catalog.Entry, []string, error) {
	if guild == catalog.Shared {
		return catalog.Entry{}, nil, userError("Timelines are added to a server; there is none here.")
	}
	if name == "" {
		name = catalog.NameOf(filename)
	}
	if err := catalog.CheckName(name); err != nil {
		return catalog.Entry{}, nil, userError(capitalize(err.Error()) + ".")
	}
	if e, ok := l.catalog.Lookup(catalog.Shared, name); ok {
		return catalog.Entry{}, nil, userError(fmt.Sprintf("%q is the name of %q, which every server has; choose another name.", name, e.Title()))
	}
	tl, skipped, err := l.read(filename, body)
	if err != nil {
		return catalog.Entry{}, nil, userError(fmt.Sprintf("%s is not a timeline I can read: %v", filename, err))
	}
	kept, err := json.Marshal(tl)
	if err != nil {
		return catalog.Entry{}, nil, err
	}
	// What is kept is what validates: read back as every process will.
	back, err := data.Parse(bytes.NewReader(kept))
	if err != nil {
		return catalog.Entry{}, nil, userError(fmt.Sprintf("%s: %v", filename, err))
	}
	if _, replacing := l.catalog.Lookup(guild, name); !replacing && len(l.catalog.Own(guild)) >= MaxPerServer {
		return catalog.Entry{}, nil, userError(fmt.Sprintf("This server has %d timelines, the most it may have; remove one first.", MaxPerServer))
	}
	// The index is built before anything is kept: an upload that cannot
	// be answered from is not stored for other processes to load.
	ix, err := index.Build(ctx, back)
	if err != nil {
		return catalog.Entry{}, nil, err
	}
	t, err := l.store.Put(ctx, guild, name, kept)
	if err != nil {
		ix.Close()
		if errors.Is(err, store.ErrBodyTooLarge) {
			return catalog.Entry{}, nil, userError(fmt.Sprintf("%s is larger than a server's timeline may be.", filename))
		}
		return catalog.Entry{}, nil, err
	}
	if err := l.installIndex(t, ix); err != nil {
		return catalog.Entry{}, nil, err
	}
	e, _ := l.catalog.Lookup(guild, name)
	return e, skipped, nil
}

// Remove deletes a server's own timeline: one in the catalog, or one
// kept that does not load.
func (l *Library) Remove(ctx context.Context, guild, name string) error {
	if guild == catalog.Shared {
		return userError("Timelines are removed in a server; there is none here.")
	}
	err := l.store.Delete(ctx, guild, name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if e, ok := l.catalog.Lookup(guild, name); !ok || e.Guild != guild {
			return userError(fmt.Sprintf("This server has no timeline %q of its own.", name))
		}
	case err != nil:
		return err
	}
	l.drop(guild, name)
	return nil
}

func (l *Library) drop(guild, name string) {
	l.catalog.Remove(guild, name)
	l.mu.Lock()
	defer l.mu.Unlock()
	k := key{guild, name}
	l.retireLocked(k)
	delete(l.bodies, k)
}

// Sync brings the catalog up to the store: what other processes added,
// replaced or removed since the last Sync.
func (l *Library) Sync(ctx context.Context) error {
	l.mu.Lock()
	since := l.version
	l.mu.Unlock()
	changes, version, err := l.store.Changes(ctx, since)
	if err != nil {
		return err
	}
	for _, c := range changes {
		l.mu.Lock()
		have, ok := l.bodies[key{c.Guild, c.Name}]
		l.mu.Unlock()
		switch {
		case c.Deleted:
			// A deletion older than what is here (an upload since) is past.
			if ok && have.Version < c.Version {
				l.drop(c.Guild, c.Name)
				l.log.Info("a server's timeline was removed elsewhere", "guild", c.Guild, "name", c.Name)
			}
		case ok && have.Version >= c.Version:
			// Ours: this process wrote it.
		default:
			t, err := l.store.Get(ctx, c.Guild, c.Name)
			if errors.Is(err, store.ErrNotFound) {
				continue // deleted since; a later change says so
			}
			if err != nil {
				return err
			}
			l.install(ctx, t)
			l.log.Info("a server's timeline was added elsewhere", "guild", c.Guild, "name", c.Name, "version", t.Version)
		}
	}
	l.mu.Lock()
	l.version = max(l.version, version)
	l.mu.Unlock()
	return nil
}

// Watch syncs every interval until ctx ends; a failed sync is logged
// and tried again at the next.
func (l *Library) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := l.Sync(ctx); err != nil && ctx.Err() == nil {
				l.log.Warn("syncing the servers' timelines", "err", err)
			}
		}
	}
}

// Close closes the indexes.
func (l *Library) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, ix := range l.indexes {
		ix.Close()
		delete(l.indexes, k)
	}
}

func userError(msg string) error { return &answer.Error{Code: CodeBadUpload, Msg: msg} }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(bytes.ToUpper([]byte(s[:1]))) + s[1:]
}
