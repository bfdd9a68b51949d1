// Command timelinebot answers questions about a dated timeline, in Discord
// and on the command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/joho/godotenv"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/data"
)

// Exit codes.
const (
	exitOK    = 0 // answered, or the bot stopped cleanly
	exitError = 1 // could not answer: a bad date, a bad timeline file, a failure
	exitUsage = 2 // the command line or the configuration is wrong
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// usageError is a command line that cannot run; it exits with exitUsage.
// command, when set, is the command whose usage to show.
type usageError struct {
	msg     string
	command *command
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// invocation is one run of the program: its configuration, its streams,
// and what the command asked, for an error to quote.
type invocation struct {
	cfg            config
	stdin          io.Reader
	stdout, stderr io.Writer
	out            *printer
	// query is the question, words or dates the command was given.
	query string
}

// run is the whole program: main only adds the process around it, so
// tests run exactly what a user runs.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	inv := &invocation{stdin: stdin, stdout: stdout, stderr: stderr}
	// --json is looked for first, so that every failure, the
	// configuration's and a bad flag's included, is reported as JSON.
	jsonWanted := wantsJSON(args)
	inv.cfg.JSON, inv.out = jsonWanted, newPrinter(stdout, jsonWanted)
	// .env fills in what the environment does not set; a missing file is fine.
	dotenv, err := godotenv.Read()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		// The parser's message quotes the file, and the file holds the
		// token: say what is wrong, not what it says.
		return inv.report(usagef(".env is not a valid env file (one NAME=value a line; check its quotes). See .env.example."))
	}
	inv.cfg, err = loadConfig(func(key string) string {
		// Set, even to nothing, the environment wins: DISCORD_GUILD_ID=
		// turns off a guild that .env names.
		if v, ok := lookupEnv(key); ok {
			return v
		}
		return dotenv[key]
	})
	inv.cfg.JSON = jsonWanted
	if err != nil {
		return inv.report(usagef("%v", err))
	}
	return inv.report(inv.dispatch(ctx, args))
}

// wantsJSON reports whether the command line asks for JSON, wherever
// --json stands before "--".
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--json", "-json", "--json=true", "-json=true":
			return true
		}
	}
	return false
}

// dispatch reads the command line and runs what it names.
func (inv *invocation) dispatch(ctx context.Context, args []string) error {
	line, err := parseLine(args, &inv.cfg)
	inv.out = newPrinter(inv.stdout, inv.cfg.JSON)
	if err != nil {
		return err
	}
	if line.version {
		return runVersion(ctx, inv, nil)
	}
	if line.command == "" {
		if line.help {
			return runHelp(ctx, inv, nil)
		}
		return runBot(ctx, inv.cfg, inv.stderr)
	}
	c, ok := lookupCommand(line.command)
	if !ok {
		msg := fmt.Sprintf("unknown command %q", line.command)
		if s := suggest(line.command); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return usagef("%s", msg)
	}
	if line.help {
		return runHelp(ctx, inv, []string{c.name})
	}
	if inv.cfg.limitSet && !c.limit {
		return &usageError{msg: "--limit is for search only", command: c}
	}
	if inv.cfg.addrSet && !c.addr {
		return &usageError{msg: "--addr is for serve only", command: c}
	}
	if err := c.checkArgs(line.args); err != nil {
		return err
	}
	return c.run(ctx, inv, line.args)
}

// Codes of the JSON errors the command line adds to answer's.
const (
	codeUsage       answer.Code = "usage"
	codeBadTimeline answer.Code = "bad_timeline"
)

// errQuiet is a failure already reported, in the command's own form: it
// exits with exitError and prints nothing more.
var errQuiet = errors.New("failed, as reported")

// report prints what went wrong, if anything, and is the exit code: in
// JSON mode one object on standard output, otherwise a message on
// standard error.
func (inv *invocation) report(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errQuiet):
		return exitError
	}
	var ue *usageError
	var ae *answer.Error
	var te *timelineError
	code, exit, msg := answer.CodeInternal, exitError, err.Error()
	switch {
	case errors.As(err, &ue):
		code, exit = codeUsage, exitUsage
	case errors.As(err, &ae):
		code, msg = ae.Code, ae.Msg
	case errors.As(err, &te):
		code = codeBadTimeline
	case answer.CodeOf(err) == answer.CodeTooSlow:
		code, msg = answer.CodeTooSlow, fmt.Sprintf("%s (%v)", answer.Message(err), err)
	case errors.Is(err, errNoToken), errors.As(err, new(*bot.FatalError)):
		// The token, the intents or the sharding must change: the
		// configuration is wrong.
		code, exit = codeUsage, exitUsage
	}
	if inv.cfg.JSON {
		if perr := inv.out.printError(inv.query, code, msg); perr != nil {
			fmt.Fprintf(inv.stderr, "timelinebot: %v\n", perr)
		}
		return exit
	}
	switch {
	case ue != nil && ue.command != nil:
		fmt.Fprintf(inv.stderr, "timelinebot: %s\nUsage: %s\n", msg, ue.command.synopsis())
	case ue != nil:
		fmt.Fprintf(inv.stderr, "timelinebot: %s\nRun 'timelinebot help' to see the commands.\n", msg)
	case errors.Is(err, errNoToken):
		fmt.Fprint(inv.stderr, noTokenHelp)
	case ae != nil:
		fmt.Fprintln(inv.stderr, msg)
	default:
		fmt.Fprintf(inv.stderr, "timelinebot: %s\n", msg)
	}
	return exit
}

// timelineError is a timeline file that cannot be read or is not valid.
type timelineError struct{ err error }

func (e *timelineError) Error() string { return e.err.Error() }
func (e *timelineError) Unwrap() error { return e.err }

// loadTimeline is the timeline to answer from: the file configured, in
// any format, or the built-in one.
func loadTimeline(file string, maxBytes int64) (*data.Timeline, error) {
	return loadTimelineAs(file, maxBytes, "")
}

// loadTimelineAs is loadTimeline with the file's format given ("" to
// detect it).
func loadTimelineAs(file string, maxBytes int64, format string) (*data.Timeline, error) {
	var tl *data.Timeline
	var err error
	switch {
	case file == "":
		tl, err = data.Seed()
	case format == "" && strings.EqualFold(filepath.Ext(file), ".json"):
		// The project's own files are read by data, which places every
		// problem at its line and column.
		tl, err = data.LoadLimited(file, maxBytes)
	default:
		var raw []byte
		if raw, err = readFile(file, nil, maxBytes); err == nil {
			tl, _, err = readTimeline(file, raw, format)
		}
	}
	if err != nil {
		return nil, &timelineError{fmt.Errorf("timeline: %w", err)}
	}
	return tl, nil
}
