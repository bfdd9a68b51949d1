package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// openEngine loads the timeline, builds its index and returns the engine
// that answers from it, and a func to release the index.
func openEngine(ctx context.Context, file string) (*answer.Engine, func(), error) {
	tl, err := loadTimeline(file)
	if err != nil {
		return nil, nil, err
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

// answerWith opens the engine, runs one lookup and prints its answer.
func (inv *invocation) answerWith(ctx context.Context, query string, lookup func(*answer.Engine) (answer.Answer, error)) error {
	inv.query = query
	engine, closeIndex, err := openEngine(ctx, inv.cfg.TimelineFile)
	if err != nil {
		return err
	}
	defer closeIndex()
	a, err := lookup(engine)
	if err != nil {
		return err
	}
	return inv.out.print(a)
}

func runAsk(ctx context.Context, inv *invocation, args []string) error {
	if len(args) == 1 && args[0] == "-" {
		engine, closeIndex, err := openEngine(ctx, inv.cfg.TimelineFile)
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

func runValidate(_ context.Context, inv *invocation, args []string) error {
	tl, err := data.Load(args[0])
	if err != nil {
		return &timelineError{err}
	}
	last := tl.Events[len(tl.Events)-1]
	fmt.Fprintf(inv.stdout, "%s: ok, %s, %s to %s\n", args[0], countOf(len(tl.Events), "event", "events"),
		tl.Events[0].First(), last.Dates[len(last.Dates)-1])
	return nil
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
	if tl, err := loadTimeline(inv.cfg.TimelineFile); err == nil {
		ex := answer.ExamplesOf(tl)
		x = &ex
	}
	fmt.Fprint(inv.stdout, commandHelp(c, x))
	return nil
}
