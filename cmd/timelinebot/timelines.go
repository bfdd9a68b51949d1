package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/monitor"
	"github.com/timelinebot/timelinebot/watch"
)

// source is one of the operator's timelines: a file, or the built-in one
// (file "").
type source struct{ name, file string }

// timelineExts are the files TIMELINES=DIR loads: every format's.
var timelineExts = []string{".json", ".md", ".markdown", ".txt", ".csv", ".ics"}

// sources are the operator's timelines: TIMELINES (a directory, or files
// separated by commas), else TIMELINE_FILE, else the built-in one.
func sources(cfg config) ([]source, error) {
	var files []string
	switch {
	case cfg.Timelines != "":
		for _, f := range strings.Split(cfg.Timelines, ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			if st, err := os.Stat(f); err == nil && st.IsDir() {
				entries, err := os.ReadDir(f)
				if err != nil {
					return nil, &timelineError{fmt.Errorf("TIMELINES: %w", err)}
				}
				for _, e := range entries {
					if !e.IsDir() && slices.Contains(timelineExts, strings.ToLower(filepath.Ext(e.Name()))) {
						files = append(files, filepath.Join(f, e.Name()))
					}
				}
				continue
			}
			files = append(files, f)
		}
		if len(files) == 0 {
			return nil, usagef("TIMELINES=%q names no timeline file", cfg.Timelines)
		}
	case cfg.TimelineFile != "":
		files = []string{cfg.TimelineFile}
	default:
		return []source{{}}, nil
	}
	var out []source
	seen := map[string]string{}
	for _, f := range files {
		name := catalog.NameOf(f)
		if other, dup := seen[name]; dup {
			return nil, usagef("TIMELINES: %s and %s would both be called %q; rename one", other, f, name)
		}
		seen[name] = f
		out = append(out, source{name: name, file: f})
	}
	return out, nil
}

// startAnswering loads the operator's timelines, building their indexes
// in parallel, and returns the handlers that answer from them, each
// reloaded when its file changes if asked, and the func that releases
// the indexes.
func startAnswering(ctx context.Context, cfg config, log *slog.Logger, metrics *monitor.Metrics) (*bot.Handlers, func(), error) {
	srcs, err := sources(cfg)
	if err != nil {
		return nil, nil, err
	}
	start := time.Now()
	c := catalog.New()
	reloaders := make([]*reloader, len(srcs))
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for n, src := range srcs {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			engine, closeIndex, err := openEngine(ctx, cfg.engineSource(src.file, logProgress(log, src.name), log))
			if err != nil {
				errs[n] = err
				return
			}
			if src.file == "" {
				src.name = catalog.NameOf(engine.Timeline().Title)
			}
			if _, err := c.Put(catalog.Shared, src.name, engine); err != nil {
				closeIndex()
				errs[n] = err
				return
			}
			reloaders[n] = &reloader{src: src, catalog: c, log: log, cfg: cfg, closeCurrent: closeIndex, metrics: metrics}
			log.Info("timeline loaded", "name", src.name, "title", engine.Timeline().Title, "events", len(engine.Timeline().Events))
		})
	}
	wg.Wait()
	closeAll := func() {
		for _, r := range reloaders {
			if r != nil {
				r.close()
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		closeAll()
		return nil, nil, err
	}
	events := 0
	for _, e := range c.Visible(catalog.Shared) {
		events += len(e.Engine.Timeline().Events)
	}
	metrics.IndexBuilt(events, time.Since(start))
	if len(srcs) > 1 {
		log.Info("timelines loaded", "timelines", len(srcs), "events", events, "took", time.Since(start))
	}
	if cfg.Watch {
		for _, r := range reloaders {
			if r.src.file == "" {
				continue
			}
			if err := watch.File(ctx, r.src.file, func() { r.reload(ctx) }); err != nil {
				closeAll()
				return nil, nil, err
			}
			log.Info("watching the timeline file", "file", r.src.file)
		}
	}
	// The servers' own timelines, and their defaults.
	opts, closeLibrary, err := openLibrary(ctx, cfg, c, log)
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	h := bot.NewCatalogHandlers(c, opts)
	return h, func() { closeLibrary(); closeAll() }, nil
}

// logProgress reports a long index build in the log.
func logProgress(log *slog.Logger, name string) func(string) {
	return func(line string) { log.Info(line, "timeline", name) }
}

// reloadGrace is how long an old index stays open after a reload: the
// answers it was serving finish first.
const reloadGrace = 10 * time.Second

// reloader rebuilds a timeline's index when its file changes and swaps
// it in whole: an answer comes from the old timeline or the new one,
// never from neither. A file that does not load leaves the old one
// serving.
type reloader struct {
	src     source
	catalog *catalog.Catalog
	log     *slog.Logger
	cfg     config
	metrics *monitor.Metrics

	mu           sync.Mutex
	closeCurrent func()
	closed       bool // the bot has stopped: a reload finishing late is discarded
}

func (r *reloader) reload(ctx context.Context) {
	start := time.Now()
	engine, closeIndex, err := openEngine(ctx, r.cfg.engineSource(r.src.file, logProgress(r.log, r.src.name), r.log))
	if err != nil {
		r.log.Error("the timeline file changed but does not load; still answering from the last good one", "file", r.src.file, "err", err)
		return
	}
	if err := r.swap(engine, closeIndex); err != nil {
		r.log.Error("reloading the timeline", "file", r.src.file, "err", err)
		return
	}
	if r.metrics != nil {
		r.metrics.IndexBuilt(len(engine.Timeline().Events), time.Since(start))
	}
	r.log.Info("timeline reloaded", "name", r.src.name, "title", engine.Timeline().Title, "events", len(engine.Timeline().Events), "took", time.Since(start))
}

func (r *reloader) swap(engine *answer.Engine, closeIndex func()) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		closeIndex()
		return nil
	}
	if _, err := r.catalog.Put(catalog.Shared, r.src.name, engine); err != nil {
		closeIndex()
		return err
	}
	old := r.closeCurrent
	r.closeCurrent = closeIndex
	time.AfterFunc(reloadGrace, old)
	return nil
}

func (r *reloader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		r.closeCurrent()
	}
}
