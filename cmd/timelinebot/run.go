package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// openEngine loads the timeline, builds its index and returns the engine
// that answers from it, and a func to release the index. A build that
// takes a while is reported to say, if not nil.
func openEngine(ctx context.Context, file string, maxBytes int64, format string, say func(string)) (*answer.Engine, func(), error) {
	tl, err := loadTimelineAs(file, maxBytes, format)
	if err != nil {
		return nil, nil, err
	}
	ix, err := index.BuildReporting(ctx, tl, progressTo(say, time.Now()))
	if err != nil {
		return nil, nil, err
	}
	return answer.New(ix), func() {
		if err := ix.Close(); err != nil {
			slog.Warn("closing the index", "err", err)
		}
	}, nil
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
	engine, closeIndex, err := openEngine(ctx, inv.cfg.TimelineFile, inv.cfg.MaxBytes, inv.cfg.Format, inv.sayProgress)
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
		engine, closeIndex, err := openEngine(ctx, inv.cfg.TimelineFile, inv.cfg.MaxBytes, inv.cfg.Format, inv.sayProgress)
		if err != nil {
			return err
		}
		defer closeIndex()
		return askEach(ctx, engine, inv.stdin, inv.out)
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
