package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/data"
)

// config is everything the program reads from its environment, loaded once
// at start. Flags may override the timeline file.
type config struct {
	Token        string // DISCORD_TOKEN: the bot's token; never logged
	GuildID      string // DISCORD_GUILD_ID: register commands to one guild only
	APIURL       string // DISCORD_API_URL: a base URL to reach Discord through
	TimelineFile string // TIMELINE_FILE or --timeline: a timeline instead of the built-in one
	// Timelines is TIMELINES: several timelines for the bot, a directory
	// or files separated by commas.
	Timelines string
	LogLevel  slog.Level
	LogJSON   bool // LOG_FORMAT=json: one JSON object a log line
	// Limits: RATE_PER_USER, RATE_PER_CHANNEL ("5/10s": five questions
	// per ten seconds) and ANSWERS_AT_ONCE.
	Limits bot.Limits
	// MaxBytes is TIMELINE_MAX_BYTES: the largest timeline file read.
	MaxBytes int64
	// Watch is TIMELINE_WATCH: reload the timeline file when it changes.
	Watch bool
	// DataDir is DATA_DIR: where the bot keeps servers' uploads and
	// settings, in one file, when DATABASE_URL is not set. Empty: the
	// user's state directory.
	DataDir        string
	dataDirDefault bool // DataDir is the default, not DATA_DIR
	// IndexDir is INDEX_DIR or --index-dir: where indexes are kept for
	// the next start; "" builds them in memory at every start.
	IndexDir string
	// DatabaseURL is DATABASE_URL: a PostgreSQL database that several
	// processes (shards, HTTP replicas) share the uploads in.
	DatabaseURL string
	// PublicKey is DISCORD_PUBLIC_KEY: the application's key, in hex,
	// that Discord signs HTTP interactions with.
	PublicKey string
	// Addr is INTERACTIONS_ADDR or --addr: where serve listens.
	Addr string
	// MetricsAddr is METRICS_ADDR: where the gateway bot serves /livez,
	// /readyz and /metrics; empty means nowhere.
	MetricsAddr string
	// Shard is SHARD_ID of SHARD_COUNT. ShardAuto is SHARD_COUNT=auto:
	// the count GET /gateway/bot recommends, asked at start.
	Shard     bot.Shard
	ShardAuto bool

	// From the command line only.
	JSON     bool // --json: print one JSON object
	Limit    int  // --limit: the most entries a search lists
	Offset   int  // --offset: the first entry of an answer's page to print
	limitSet bool
	addrSet  bool // --addr was given
	// Events and Seed are --events and --seed: the size and seed of a
	// synthetic timeline (gen, bench).
	Events int
	Seed   uint64
	// Format is --format: the format of the timeline read (import,
	// --timeline), or of the one written (export); "" to detect it.
	Format string
}

func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		Token:        strings.TrimSpace(getenv("DISCORD_TOKEN")),
		GuildID:      strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		APIURL:       strings.TrimSpace(getenv("DISCORD_API_URL")),
		TimelineFile: strings.TrimSpace(getenv("TIMELINE_FILE")),
		Timelines:    strings.TrimSpace(getenv("TIMELINES")),
		PublicKey:    strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
		Addr:         strings.TrimSpace(getenv("INTERACTIONS_ADDR")),
		MetricsAddr:  strings.TrimSpace(getenv("METRICS_ADDR")),
		DataDir:      strings.TrimSpace(getenv("DATA_DIR")),
		IndexDir:     strings.TrimSpace(getenv("INDEX_DIR")),
		DatabaseURL:  strings.TrimSpace(getenv("DATABASE_URL")),
	}
	if cfg.DataDir == "" {
		cfg.DataDir, cfg.dataDirDefault = stateDir(getenv), true
	}
	if cfg.Addr == "" {
		cfg.Addr = ":8080"
	}
	if err := cfg.readShard(getenv); err != nil {
		return config{}, err
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
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); v {
	case "", "text":
	case "json":
		cfg.LogJSON = true
	default:
		return config{}, fmt.Errorf("LOG_FORMAT=%q: want text or json", v)
	}
	cfg.Limits = bot.DefaultLimits()
	for _, r := range []struct {
		name  string
		n     *int
		every *time.Duration
	}{
		{"RATE_PER_USER", &cfg.Limits.PerUser, &cfg.Limits.UserEvery},
		{"RATE_PER_CHANNEL", &cfg.Limits.PerChannel, &cfg.Limits.ChannelEvery},
	} {
		if v := strings.TrimSpace(getenv(r.name)); v != "" {
			n, per, err := parseRate(v)
			if err != nil {
				return config{}, fmt.Errorf("%s=%q: want questions per time, such as 5/10s", r.name, v)
			}
			if per/time.Duration(n) < time.Millisecond {
				return config{}, fmt.Errorf("%s=%q: at most one question a millisecond", r.name, v)
			}
			*r.n, *r.every = n, per/time.Duration(n)
		}
	}
	if v := strings.TrimSpace(getenv("ANSWERS_AT_ONCE")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return config{}, fmt.Errorf("ANSWERS_AT_ONCE=%q: want a number, 1 or more", v)
		}
		cfg.Limits.Concurrent = n
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("TIMELINE_WATCH"))); v {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		cfg.Watch = true
	default:
		return config{}, fmt.Errorf("TIMELINE_WATCH=%q: want 1 or 0", v)
	}
	cfg.MaxBytes = data.DefaultMaxBytes
	if v := strings.TrimSpace(getenv("TIMELINE_MAX_BYTES")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return config{}, fmt.Errorf("TIMELINE_MAX_BYTES=%q: want a number of bytes, such as 268435456", v)
		}
		cfg.MaxBytes = n
	}
	return cfg, nil
}

// engineSource is how the timeline file is read and indexed under this
// configuration.
func (cfg config) engineSource(file string, say func(string), log *slog.Logger) engineSource {
	return engineSource{file: file, maxBytes: cfg.MaxBytes, format: cfg.Format, indexDir: cfg.IndexDir, say: say, log: log}
}

// stateDir is where a program keeps its state by the XDG convention:
// $XDG_STATE_HOME/timelinebot, else ~/.local/state/timelinebot; "" with
// no home at all.
func stateDir(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "timelinebot")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state", "timelinebot")
	}
	return ""
}

// readShard reads SHARD_ID and SHARD_COUNT.
func (cfg *config) readShard(getenv func(string) string) error {
	id, count := strings.TrimSpace(getenv("SHARD_ID")), strings.ToLower(strings.TrimSpace(getenv("SHARD_COUNT")))
	cfg.Shard = bot.Shard{Count: 1}
	switch count {
	case "":
		if id != "" && id != "0" {
			return fmt.Errorf("SHARD_ID=%q without SHARD_COUNT: set both, or neither for one process", id)
		}
		return nil
	case "auto":
		cfg.ShardAuto = true
	default:
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 {
			return fmt.Errorf("SHARD_COUNT=%q: want a number of shards, 1 or more, or auto", count)
		}
		cfg.Shard.Count = n
	}
	if id == "" && (cfg.ShardAuto || cfg.Shard.Count > 1) {
		// Every process would be shard 0: the other shards' servers
		// unanswered, shard 0's answered twice.
		return fmt.Errorf("SHARD_COUNT=%s needs SHARD_ID, this process's shard, from 0 to SHARD_COUNT-1", count)
	}
	if id != "" {
		n, err := strconv.Atoi(id)
		if err != nil || n < 0 || (!cfg.ShardAuto && n >= cfg.Shard.Count) {
			return fmt.Errorf("SHARD_ID=%q: want a shard from 0 to SHARD_COUNT-1", id)
		}
		cfg.Shard.ID = n
	}
	return nil
}

// logger is the program's log, in the format configured.
func (cfg config) logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// parseRate reads "5/10s": n questions per duration.
func parseRate(s string) (int, time.Duration, error) {
	count, per, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, errors.New("no /")
	}
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || n < 1 {
		return 0, 0, errors.New("bad count")
	}
	d, err := time.ParseDuration(strings.TrimSpace(per))
	if err != nil || d <= 0 {
		return 0, 0, errors.New("bad duration")
	}
	return n, d, nil
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
