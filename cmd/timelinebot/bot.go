package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/watch"
)

// runBot runs the Discord bot until ctx ends.
func runBot(ctx context.Context, cfg config, stderr io.Writer) error {
	if cfg.Token == "" {
		return errNoToken
	}
	log := cfg.logger(stderr)
	engine, closeIndex, err := openEngine(ctx, cfg.TimelineFile, cfg.MaxBytes)
	if err != nil {
		return err
	}
	log.Info("timeline loaded", "title", engine.Timeline().Title, "events", len(engine.Timeline().Events))
	h := bot.NewHandlers(engine)
	r := &reloader{cfg: cfg, handlers: h, log: log, closeCurrent: closeIndex}
	defer r.close()
	if cfg.Watch && cfg.TimelineFile != "" {
		if err := watch.File(ctx, cfg.TimelineFile, func() { r.reload(ctx) }); err != nil {
			return err
		}
		log.Info("watching the timeline file", "file", cfg.TimelineFile)
	}
	b, err := bot.New(bot.Config{Token: cfg.Token, GuildID: cfg.GuildID, APIURL: cfg.APIURL, Limits: cfg.Limits}, h, log)
	if err != nil {
		return err
	}
	return b.Run(ctx)
}

// reloadGrace is how long an old index stays open after a reload: the
// answers it was serving finish first.
const reloadGrace = 10 * time.Second

// reloader rebuilds the index when the timeline file changes and swaps
// it in whole: an answer comes from the old timeline or the new one,
// never from neither. A file that does not load leaves the old one
// serving.
type reloader struct {
	cfg      config
	handlers *bot.Handlers
	log      *slog.Logger

	mu           sync.Mutex
	closeCurrent func()
	closed       bool // the bot has stopped: a reload finishing late is discarded
}

func (r *reloader) reload(ctx context.Context) {
	start := time.Now()
	engine, closeIndex, err := openEngine(ctx, r.cfg.TimelineFile, r.cfg.MaxBytes)
	if err != nil {
		r.log.Error("the timeline file changed but does not load; still answering from the last good one", "file", r.cfg.TimelineFile, "err", err)
		return
	}
	r.swap(engine, closeIndex)
	r.log.Info("timeline reloaded", "title", engine.Timeline().Title, "events", len(engine.Timeline().Events), "took", time.Since(start))
}

func (r *reloader) swap(engine *answer.Engine, closeIndex func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		closeIndex()
		return
	}
	r.handlers.Swap(engine)
	old := r.closeCurrent
	r.closeCurrent = closeIndex
	time.AfterFunc(reloadGrace, old)
}

func (r *reloader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		r.closeCurrent()
	}
}
