// Command timelinebot answers questions about a dated timeline, in Discord
// and on the command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/joho/godotenv"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// Exit codes.
const (
	exitOK    = 0 // answered, or the bot stopped cleanly
	exitError = 1 // could not answer: a bad date, a bad timeline file, a failure
	exitUsage = 2 // the command line or the configuration is wrong
)

const usage = `timelinebot answers questions about a dated timeline.

Usage:
  timelinebot [--timeline FILE]                 run the Discord bot (needs DISCORD_TOKEN)
  timelinebot ask [--json] QUESTION             answer a question ("-" reads one per line from stdin)
  timelinebot search [--json] [--limit N] WORDS search by keywords
  timelinebot date [--json] WHEN                what happened on a day, in a month or a year
  timelinebot between [--json] FROM TO          what happened from one date to another
  timelinebot timeline [--json]                 the whole timeline in order
  timelinebot validate FILE                     check a timeline file

Flags:
  --timeline FILE   answer from this timeline instead of the built-in one (or TIMELINE_FILE)
  --json            print one JSON object: {"query","kind","answer","events",...}

Examples:
  timelinebot ask "what is this timeline about?"
  timelinebot ask "what happened first?"
  timelinebot timeline
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// usageError is a command line that cannot run; it exits with exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// run is the whole program: main only adds the process around it, so
// tests run exactly what a user runs.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	// .env fills in what the environment does not set; a missing file is fine.
	dotenv, err := godotenv.Read()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		// The parser's message quotes the file, and the file holds the
		// token: say what is wrong, not what it says.
		fmt.Fprintln(stderr, "timelinebot: .env is not a valid env file (one NAME=value a line; check its quotes). See .env.example.")
		return exitUsage
	}
	cfg, err := loadConfig(func(key string) string {
		// Set, even to nothing, the environment wins: DISCORD_GUILD_ID=
		// turns off a guild that .env names.
		if v, ok := lookupEnv(key); ok {
			return v
		}
		return dotenv[key]
	})
	if err != nil {
		fmt.Fprintf(stderr, "timelinebot: %v\n", err)
		return exitUsage
	}
	err = dispatch(ctx, cfg, args, stdin, stdout, stderr)
	var ue *usageError
	var ae *answer.Error
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		fmt.Fprint(stdout, usage)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "timelinebot: %v\n\n%s", err, usage)
		return exitUsage
	case errors.As(err, &ae):
		fmt.Fprintln(stderr, ae.Msg)
		return exitError
	case errors.Is(err, errNoToken):
		fmt.Fprint(stderr, noTokenHelp)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "timelinebot: %v\n", err)
		return exitError
	}
}

var errHelp = errors.New("help requested")

func dispatch(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	global := newFlagSet("timelinebot", &cfg)
	if err := global.Parse(args); err != nil {
		return flagError(err)
	}
	args = global.Args()
	if len(args) == 0 {
		return runBot(ctx, cfg, stderr)
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		return errHelp
	case "validate":
		return validate(args, stdout)
	case "ask", "search", "date", "between", "timeline":
		return lookup(ctx, cfg, cmd, args, stdin, stdout)
	default:
		return usagef("unknown command %q", cmd)
	}
}

// parseFlags reads a command's flags wherever they stand among its
// arguments, as people type them ("ask when was the hearing --json"); "--"
// ends the flags, so a question may start with a dash.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(positional, tail...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagError is a flag the command line got wrong: a usage error, or a
// request for help.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	return usagef("%v", err)
}

// openEngine loads the timeline, builds its index and returns the engine
// that answers from it, and a func to release the index.
func openEngine(ctx context.Context, file string) (*answer.Engine, func(), error) {
	var tl *data.Timeline
	var err error
	if file == "" {
		tl, err = data.Seed()
	} else {
		tl, err = data.Load(file)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("timeline: %w", err)
	}
	ix, err := index.Build(ctx, tl)
	if err != nil {
		return nil, nil, err
	}
	return answer.New(ix), func() {
		if err := ix.Close(); err != nil {
			slog.Warn("closing the index", "err", err)
		}
	}, nil
}

func validate(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usagef("validate takes one file")
	}
	tl, err := data.Load(args[0])
	if err != nil {
		return err
	}
	last := tl.Events[len(tl.Events)-1]
	fmt.Fprintf(stdout, "%s: ok, %d events, %s to %s\n", args[0], len(tl.Events),
		tl.Events[0].First(), last.Dates[len(last.Dates)-1])
	return nil
}

// lookup runs one of the commands that answer: ask, search, date, between
// and timeline.
func lookup(ctx context.Context, cfg config, cmd string, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := newFlagSet(cmd, &cfg)
	asJSON := fs.Bool("json", false, "print one JSON object")
	limit := 0
	if cmd == "search" {
		fs.IntVar(&limit, "limit", answer.DefaultLimit, "the most events to list")
	}
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	want := map[string]string{"date": "a date", "between": "two dates", "timeline": "nothing"}
	switch {
	// "date March 2, 2017" unquoted is one date, as ask joins its words.
	case cmd == "between" && len(args) != 2, cmd == "date" && len(args) == 0, cmd == "timeline" && len(args) != 0:
		return usagef("%s takes %s", cmd, want[cmd])
	case (cmd == "ask" || cmd == "search") && len(args) == 0:
		return usagef("%s needs words: timelinebot %s [--json] WORDS", cmd, cmd)
	}

	engine, closeIndex, err := openEngine(ctx, cfg.TimelineFile)
	if err != nil {
		return err
	}
	defer closeIndex()
	out := newPrinter(stdout, *asJSON)

	if cmd == "ask" && len(args) == 1 && args[0] == "-" {
		return askEach(ctx, engine, stdin, out)
	}
	text := strings.Join(args, " ")
	var a answer.Answer
	switch cmd {
	case "ask":
		a, err = engine.Ask(ctx, text)
	case "search":
		a, err = engine.Search(ctx, text, limit)
	case "date":
		a, err = engine.On(ctx, text)
	case "between":
		a, err = engine.Between(ctx, args[0], args[1])
	case "timeline":
		a, err = engine.All(ctx)
	}
	if err != nil {
		return err
	}
	return out.print(a)
}
