package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/interactions"
	"github.com/timelinebot/timelinebot/monitor"
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
