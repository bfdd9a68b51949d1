package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/library"
	"github.com/timelinebot/timelinebot/store"
)

// syncEvery is how often a process looks for other processes' uploads
// and removals in a shared store.
const syncEvery = 5 * time.Second

// openStore opens where servers' uploads are kept: PostgreSQL at
// DATABASE_URL, else a file in DATA_DIR.
func openStore(ctx context.Context, cfg config, log *slog.Logger) (store.Store, error) {
	if cfg.DatabaseURL != "" {
		st, err := store.OpenPostgres(ctx, cfg.DatabaseURL)
		if err != nil {
			return nil, err
		}
		log.Info("servers' timelines kept in PostgreSQL")
		return st, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	path := filepath.Join(cfg.DataDir, "timelinebot.db")
	st, err := store.OpenBolt(path)
	if errors.Is(err, store.ErrLocked) {
		return nil, usagef("%s is in use by another timelinebot: processes that share uploads (shards, replicas) need DATABASE_URL, a PostgreSQL database", path)
	}
	if err != nil {
		return nil, err
	}
	log.Info("servers' timelines kept in a file", "file", path)
	return st, nil
}

// openLibrary opens the store and loads every server's timeline into the
// catalog, then keeps it in step with the store until ctx ends, and
// returns the handlers' options for them. The func it returns closes
// both. With nowhere to keep uploads (no DATA_DIR, no home directory,
// no DATABASE_URL) the bot answers without them.
func openLibrary(ctx context.Context, cfg config, c *catalog.Catalog, log *slog.Logger) (bot.Options, func(), error) {
	opts := bot.Options{APIURL: cfg.APIURL}
	if cfg.DatabaseURL == "" && cfg.DataDir == "" {
		log.Warn("servers cannot add timelines: set DATA_DIR, a directory to keep them in, or DATABASE_URL")
		return opts, func() {}, nil
	}
	st, err := openStore(ctx, cfg, log)
	if err != nil && cfg.DatabaseURL == "" && cfg.dataDirDefault {
		// The default place is not writable (a read-only container, a
		// sandboxed service): answer without uploads, and say how to
		// have them. A DATA_DIR or DATABASE_URL given must work.
		log.Warn("servers cannot add timelines: the default DATA_DIR cannot be used; set DATA_DIR or DATABASE_URL", "err", err)
		return opts, func() {}, nil
	}
	if err != nil {
		return opts, nil, err
	}
	lib, err := library.Open(ctx, st, c, importUpload, log)
	if err != nil {
		st.Close()
		return opts, nil, err
	}
	opts.Defaults, opts.Library = st, lib
	watching, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); lib.Watch(watching, syncEvery) }()
	return opts, func() {
		stop()
		<-done
		lib.Close()
		st.Close()
	}, nil
}

// importUpload reads an uploaded file, in any format, as a timeline.
func importUpload(filename string, body []byte) (*data.Timeline, []string, error) {
	tl, report, err := readTimeline(filename, body, "")
	if err != nil {
		return nil, nil, err
	}
	var skipped []string
	for _, s := range report.Skipped {
		where := ""
		if s.Line > 0 {
			where = fmt.Sprintf("line %d: ", s.Line)
		}
		skipped = append(skipped, fmt.Sprintf("%s%s: %s", where, s.What, s.Why))
	}
	return tl, skipped, nil
}
