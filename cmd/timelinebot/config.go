package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// config is everything the program reads from its environment, loaded once
// at start. Flags may override the timeline file.
type config struct {
	Token        string // DISCORD_TOKEN: the bot's token; never logged
	GuildID      string // DISCORD_GUILD_ID: register commands to one guild only
	APIURL       string // DISCORD_API_URL: a base URL to reach Discord through
	TimelineFile string // TIMELINE_FILE or --timeline: a timeline instead of the built-in one
	LogLevel     slog.Level

	// From the command line only.
	JSON     bool // --json: print one JSON object
	Limit    int  // --limit: the most entries a search lists
	limitSet bool
}

func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		Token:        strings.TrimSpace(getenv("DISCORD_TOKEN")),
		GuildID:      strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		APIURL:       strings.TrimSpace(getenv("DISCORD_API_URL")),
		TimelineFile: strings.TrimSpace(getenv("TIMELINE_FILE")),
	}
	if cfg.APIURL != "" {
		if u, err := url.Parse(cfg.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return config{}, fmt.Errorf("DISCORD_API_URL=%q: want an absolute http or https URL, such as https://discord.com", cfg.APIURL)
		}
	}
	if lvl := getenv("LOG_LEVEL"); lvl != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(lvl)); err != nil {
			return config{}, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", lvl)
		}
	}
	return cfg, nil
}

var errNoToken = errors.New("DISCORD_TOKEN is not set")

const noTokenHelp = `timelinebot: DISCORD_TOKEN is not set, so the Discord bot cannot start.

To run the bot, put your bot token in the environment or in a .env file
in the directory you run it from (see .env.example):

  cp .env.example .env    # then edit DISCORD_TOKEN=...

To try the answers without Discord, ask on the command line:

  timelinebot ask "what is this timeline about?"
  timelinebot help
`
