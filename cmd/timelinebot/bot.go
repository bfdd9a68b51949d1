package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/interactions"
	"github.com/timelinebot/timelinebot/monitor"
	"github.com/timelinebot/timelinebot/watch"
)

// runBot runs the gateway bot until ctx ends.
func runBot(ctx context.Context, cfg config, stderr io.Writer) error {
	if cfg.Token == "" {
		return errNoToken
	}
	log := cfg.logger(stderr)
	metrics := monitor.NewMetrics(Version())
	h, stop, err := startAnswering(ctx, cfg, log, metrics)
	if err != nil {
		return err
	}
	defer stop()
	bcfg := cfg.botConfig(metrics)
	if cfg.ShardAuto {
		n, err := bot.RecommendedShards(ctx, bcfg)
		if err != nil {
			return err
		}
		if cfg.Shard.ID >= n {
			return usagef("SHARD_ID=%d, but Discord recommends %d shards (SHARD_COUNT=auto): shard ids run from 0 to %d", cfg.Shard.ID, n, n-1)
		}
		bcfg.Shard.Count = n
		log.Info("shard count from Discord", "shards", n)
	}
	b, err := bot.New(bcfg, h, log)
	if err != nil {
		return err
	}
	if cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		monitor.Routes(mux, metrics, b.Ready)
		stopServing, err := listen(ctx, cfg.MetricsAddr, mux, log, "serving health and metrics")
		if err != nil {
			return err
		}
		defer stopServing()
	}
	return b.Run(ctx)
}

// runServe answers interactions over HTTP until ctx ends: Discord's
// Interactions Endpoint URL, with health and metrics on the same
// listener.
func runServe(ctx context.Context, inv *invocation, _ []string) error {
	cfg := inv.cfg
	if cfg.PublicKey == "" {
		return usagef("serve needs DISCORD_PUBLIC_KEY: the application's public key, from the developer portal")
	}
	key, err := interactions.ParseKey(cfg.PublicKey)
	if err != nil {
		return usagef("%v", err)
	}
	log := cfg.logger(inv.stderr)
	metrics := monitor.NewMetrics(Version())
	h, stop, err := startAnswering(ctx, cfg, log, metrics)
	if err != nil {
		return err
	}
	defer stop()
	bcfg := cfg.botConfig(metrics)
	rest, err := bot.NewSession(bcfg)
	if err != nil {
		return err
	}
	if cfg.Token != "" {
		// The commands are registered as the gateway bot registers them;
		// with no token, they are left as they are.
		app, err := rest.Application("@me")
		if err != nil {
			return fmt.Errorf("find the application: %w", bot.Redact(err))
		}
		if err := bot.Register(ctx, rest, app.ID, cfg.GuildID, h.Commands(), log); err != nil {
			return err
		}
	}
	responder := bot.NewResponder(bcfg, h, rest, log)
	var ready atomic.Bool
	mux := http.NewServeMux()
	mux.Handle("/interactions", interactions.New(ctx, key, responder, log))
	monitor.Routes(mux, metrics, ready.Load)
	stopServing, err := listen(ctx, cfg.Addr, mux, log, "serving interactions")
	if err != nil {
		return err
	}
	ready.Store(true)
	<-ctx.Done()
	// Not ready from the first moment of the stop, so that a load
	// balancer sends nothing more; then what is under way finishes.
	ready.Store(false)
	stopServing()
	if !responder.Wait(5 * time.Second) {
		log.Warn("stopping with deferred answers still under way")
	}
	return nil
}

// startAnswering loads the timeline, builds its index and returns the
// handlers that answer from it, reloaded when the file changes if asked,
// and the func that releases the index.
func startAnswering(ctx context.Context, cfg config, log *slog.Logger, metrics *monitor.Metrics) (*bot.Handlers, func(), error) {
	start := time.Now()
	engine, closeIndex, err := openEngine(ctx, cfg.TimelineFile, cfg.MaxBytes)
	if err != nil {
		return nil, nil, err
	}
	metrics.IndexBuilt(len(engine.Timeline().Events), time.Since(start))
	log.Info("timeline loaded", "title", engine.Timeline().Title, "events", len(engine.Timeline().Events), "took", time.Since(start))
	h := bot.NewHandlers(engine)
	r := &reloader{cfg: cfg, handlers: h, log: log, closeCurrent: closeIndex, metrics: metrics}
	if cfg.Watch && cfg.TimelineFile != "" {
		if err := watch.File(ctx, cfg.TimelineFile, func() { r.reload(ctx) }); err != nil {
			r.close()
			return nil, nil, err
		}
		log.Info("watching the timeline file", "file", cfg.TimelineFile)
	}
	return h, r.close, nil
}

// botConfig is what the bot package needs of the configuration.
func (cfg config) botConfig(o bot.Observer) bot.Config {
	return bot.Config{Token: cfg.Token, GuildID: cfg.GuildID, APIURL: cfg.APIURL, Limits: cfg.Limits, Shard: cfg.Shard, Observer: o}
}

// listen serves h on addr until the returned func is called, which
// shuts the server down, waiting up to 5 seconds for requests under way.
// The timeouts keep a slow client from holding a connection, and no
// reply takes longer than Discord waits.
func listen(ctx context.Context, addr string, h http.Handler, log *slog.Logger, what string) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, usagef("listen on %s: %v", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info(what, "addr", ln.Addr().String())
	return func() {
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Warn("stopping the HTTP server", "err", err)
		}
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("HTTP server", "err", err)
		}
	}, nil
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
	metrics  *monitor.Metrics

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
	if r.metrics != nil {
		r.metrics.IndexBuilt(len(engine.Timeline().Events), time.Since(start))
	}
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
