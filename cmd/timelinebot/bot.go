package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/timelinebot/timelinebot/bot"
)

// runBot runs the Discord bot until ctx ends.
func runBot(ctx context.Context, cfg config, stderr io.Writer) error {
	if cfg.Token == "" {
		return errNoToken
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	engine, closeIndex, err := openEngine(ctx, cfg.TimelineFile, cfg.MaxBytes)
	if err != nil {
		return err
	}
	defer closeIndex()
	log.Info("timeline loaded", "title", engine.Timeline().Title, "events", len(engine.Timeline().Events))
	b, err := bot.New(bot.Config{Token: cfg.Token, GuildID: cfg.GuildID, APIURL: cfg.APIURL, Limits: cfg.Limits}, bot.NewHandlers(engine), log)
	if err != nil {
		return err
	}
	return b.Run(ctx)
}
