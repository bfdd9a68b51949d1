package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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
	// The restart is timed from a directory of --index-dir's, or from
	// one of its own that goes with the run.
	keep := filepath.Join(inv.cfg.IndexDir, "bench")
	if inv.cfg.IndexDir == "" {
		dir, err := os.MkdirTemp("", "timelinebot-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		keep = dir
	}
	r, err := bench.Run(ctx, bench.Options{Events: inv.cfg.Events, Seed: inv.cfg.Seed, KeepDir: keep}, inv.stderr)
	if err != nil {
		return err
	}
	if inv.cfg.JSON {
		return json.NewEncoder(inv.stdout).Encode(r)
	}
	r.WriteTable(inv.stdout)
	return nil
}
