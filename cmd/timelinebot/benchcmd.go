package main

import (
	"bufio"
	"context"
	"encoding/json"
	"strconv"

	"github.com/timelinebot/timelinebot/bench"
	"github.com/timelinebot/timelinebot/synth"
)

// runGen writes a synthetic timeline of --events entries (--seed).
func runGen(_ context.Context, inv *invocation, _ []string) error {
	w := bufio.NewWriterSize(inv.stdout, 1<<20)
	if err := synth.Write(w, synth.Options{Events: inv.cfg.Events, Seed: inv.cfg.Seed}); err != nil {
		return err
	}
	return w.Flush()
}

// runBench measures a synthetic timeline of --events entries: the build,
// every kind of question alone and by 200 askers at once, and the bot's
// handler, as a table or, with --json, one object.
func runBench(ctx context.Context, inv *invocation, _ []string) error {
	inv.query = "bench " + strconv.Itoa(inv.cfg.Events)
	r, err := bench.Run(ctx, bench.Options{Events: inv.cfg.Events, Seed: inv.cfg.Seed}, inv.stderr)
	if err != nil {
		return err
	}
	if inv.cfg.JSON {
		return json.NewEncoder(inv.stdout).Encode(r)
	}
	r.WriteTable(inv.stdout)
	return nil
}
