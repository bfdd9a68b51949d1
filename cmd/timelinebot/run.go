package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// engineSource is where an engine's timeline comes from and how its index
// is built.
type engineSource struct {
	file     string // "" for the built-in timeline
	maxBytes int64
	format   string // "" to detect it
	// indexDir, if set, keeps the index on disk for the next start, in
	// a directory of the timeline's own.
	indexDir string
	say      func(string) // told of a long build, if not nil
	log      *slog.Logger // told why a kept index is not used, if not nil
}

// openEngine loads the timeline, builds its index, or opens the one
// kept, and returns the engine that answers from it, and a func to
// release the index.
func openEngine(ctx context.Context, src engineSource) (*answer.Engine, func(), error) {
	var ix *index.Index
	var dir string
	var stamp *index.Stamp
	if src.indexDir != "" {
		name := "built-in"
		if src.file != "" {
			name = catalog.NameOf(src.file)
		}
		dir = filepath.Join(src.indexDir, name)
		if src.file != "" {
			// Stamped before it is read: see index.StampOf.
			// The format as given, and the program that reads it.
			reader := cmp.Or(src.format, "detected") + " " + Version()
			if s, err := index.StampOf(src.file, reader); err == nil && s.Size <= src.maxBytes {
				stamp = &s
				ix = reopen(dir, s, src.log)
			}
		}
	}
	if ix == nil {
		var err error
		if ix, err = buildEngineIndex(ctx, src, dir, stamp); err != nil {
			return nil, nil, err
		}
	}
	return answer.New(ix), func() {
		if err := ix.Close(); err != nil {
			slog.Warn("closing the index", "err", err)
		}
	}, nil
}

// reopen is the index and timeline kept in dir for the file with that
// stamp, or nil when there are none to use.
func reopen(dir string, stamp index.Stamp, log *slog.Logger) *index.Index {
	ix, err := index.Reopen(dir, stamp)
	if log != nil {
		switch {
		case err == nil:
			log.Info("index", "kept", dir, "reused", true, "file_read", false)
		case !errors.Is(err, index.ErrNotKept):
			log.Warn("the kept timeline cannot be used; reading the file", "dir", dir, "err", err)
		}
	}
	return ix
}

// buildEngineIndex loads the timeline and builds its index, or opens the
// one kept in dir (if not ""), keeping the timeline beside it for the
// next start when the file is stamped.
func buildEngineIndex(ctx context.Context, src engineSource, dir string, stamp *index.Stamp) (*index.Index, error) {
	tl, err := loadTimelineAs(src.file, src.maxBytes, src.format)
	if err != nil {
		return nil, err
	}
	progress := progressTo(src.say, time.Now())
	if dir != "" {
		ix, reused, err := index.Open(ctx, dir, tl, progress)
		if err != nil && src.log != nil {
			// A kept index another process holds, or a disk that fails:
			// the answers come from memory instead.
			src.log.Warn("the kept index cannot be used; building it in memory", "dir", dir, "err", err)
		}
		if err == nil {
			if src.log != nil {
				src.log.Info("index", "kept", dir, "reused", reused)
			}
			if stamp != nil {
				if err := ix.KeepTimeline(*stamp); err != nil && src.log != nil {
					src.log.Warn("the timeline cannot be kept beside its index; the next start reads the file", "dir", dir, "err", err)
				}
			}
			return ix, nil
		}
	}
	return index.BuildReporting(ctx, tl, progress)
}

// progressEvery is how often a long index build is reported, from its
// first such interval on: a short one says nothing.
const progressEvery = 2 * time.Second

// progressTo reports an index build to say: entries done, the rate and
// the time left.
func progressTo(say func(string), start time.Time) func(done, total int) {
	if say == nil {
		return nil
	}
	last := start
	return func(done, total int) {
		now := time.Now()
		if now.Sub(last) < progressEvery {
			return
		}
		last = now
		rate := float64(done) / now.Sub(start).Seconds()
		left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		say(fmt.Sprintf("indexing: %d of %d entries, %.0f a second, about %v left", done, total, rate, left))
	}
}

// sayProgress writes a progress line on standard error.
func (inv *invocation) sayProgress(line string) { fmt.Fprintln(inv.stderr, "timelinebot: "+line) }

// answerWith opens the engine, runs one lookup and prints its answer.
func (inv *invocation) answerWith(ctx context.Context, query string, lookup func(*answer.Engine) (answer.Answer, error)) error {
	inv.query = query
	engine, closeIndex, err := openEngine(ctx, inv.cfg.engineSource(inv.cfg.TimelineFile, inv.sayProgress, nil))
	if err != nil {
		return err
	}
	defer closeIndex()
	a, err := lookup(engine)
	if err != nil {
		return err
	}
	return inv.out.print(a.Page(inv.cfg.Offset, answer.PageSize))
}

func runAsk(ctx context.Context, inv *invocation, args []string) error {
	if len(args) == 1 && args[0] == "-" {
		engine, closeIndex, err := openEngine(ctx, inv.cfg.engineSource(inv.cfg.TimelineFile, inv.sayProgress, nil))
		if err != nil {
			return err
		}
		defer closeIndex()
		return askEach(ctx, engine, inv.stdin, inv.out, inv.cfg.Offset)
	}
	q := strings.Join(args, " ")
	return inv.answerWith(ctx, q, func(e *answer.Engine) (answer.Answer, error) { return e.Ask(ctx, q) })
}

func runSearch(ctx context.Context, inv *invocation, args []string) error {
	words := strings.Join(args, " ")
	limit := inv.cfg.Limit
	if !inv.cfg.limitSet {
		limit = answer.DefaultLimit
	}
	return inv.answerWith(ctx, words, func(e *answer.Engine) (answer.Answer, error) { return e.Search(ctx, words, limit) })
}

func runDate(ctx context.Context, inv *invocation, args []string) error {
	// "date March 2, 2017" unquoted is one date, as ask joins its words.
	when := strings.Join(args, " ")
	return inv.answerWith(ctx, when, func(e *answer.Engine) (answer.Answer, error) { return e.On(ctx, when) })
}

func runBetween(ctx context.Context, inv *invocation, args []string) error {
	return inv.answerWith(ctx, args[0]+" to "+args[1], func(e *answer.Engine) (answer.Answer, error) { return e.Between(ctx, args[0], args[1]) })
}

func runTimeline(ctx context.Context, inv *invocation, _ []string) error {
	return inv.answerWith(ctx, "timeline", func(e *answer.Engine) (answer.Answer, error) { return e.All(ctx) })
}

// maxShown is the most problems validate prints; it counts the rest.
const maxShown = 50

// validation is validate's JSON answer.
type validation struct {
	File     string    `json:"file"`
	OK       bool      `json:"ok"`
	Events   int       `json:"events,omitempty"`
	From     string    `json:"from,omitempty"`
	To       string    `json:"to,omitempty"`
	Problems []problem `json:"problems"`
}

type problem struct {
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Event   int    `json:"event,omitempty"` // from 1; 0 for the timeline's own fields
	ID      string `json:"id,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// runValidate checks a timeline file and lists every problem in it, each
// with its line and column, the first maxShown in text.
func runValidate(_ context.Context, inv *invocation, args []string) error {
	file := args[0]
	inv.query = file
	tl, problems, err := data.CheckFile(file, inv.cfg.MaxBytes)
	if err != nil {
		return &timelineError{err}
	}
	v := validation{File: file, OK: len(problems) == 0, Problems: []problem{}}
	for _, p := range problems {
		v.Problems = append(v.Problems, problem{Line: p.Line, Column: p.Col, Event: p.Event + 1, ID: p.ID, Field: p.Field, Message: p.Msg})
	}
	if tl != nil {
		// Events are in order of their first dates; the last date of all
		// may be another's.
		last := tl.Events[0].Dates[0]
		for _, e := range tl.Events {
			for _, d := range e.Dates {
				if d.End().After(last.End()) {
					last = d
				}
			}
		}
		v.Events, v.From, v.To = len(tl.Events), tl.Events[0].First().String(), last.String()
	}
	if inv.cfg.JSON {
		if err := json.NewEncoder(inv.stdout).Encode(v); err != nil {
			return err
		}
		if !v.OK {
			return errQuiet
		}
		return nil
	}
	if v.OK {
		fmt.Fprintf(inv.stdout, "%s: ok, %s, %s to %s\n", file, countOf(v.Events, "event", "events"), v.From, v.To)
		return nil
	}
	for i, p := range problems {
		if i == maxShown {
			fmt.Fprintf(inv.stderr, "%s: and %d more\n", file, len(problems)-maxShown)
			break
		}
		fmt.Fprintf(inv.stderr, "%s: %v\n", file, p)
	}
	return errQuiet
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// runHelp prints the usage, or one command's help with examples from the
// timeline it would answer from.
func runHelp(_ context.Context, inv *invocation, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(inv.stdout, usage())
		return nil
	}
	c, ok := lookupCommand(args[0])
	if !ok {
		msg := fmt.Sprintf("no command %q", args[0])
		if s := suggest(args[0]); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return usagef("%s", msg)
	}
	var x *answer.Examples
	if tl, err := loadTimeline(inv.cfg.TimelineFile, inv.cfg.MaxBytes); err == nil {
		ex := answer.ExamplesOf(tl)
		x = &ex
	}
	fmt.Fprint(inv.stdout, commandHelp(c, x))
	return nil
}
