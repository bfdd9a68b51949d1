package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/synth"
)

// A small run, as CI makes one: every kind is asked and timed, nothing
// fails, and the table says so.
func TestSmallRun(t *testing.T) {
	r, err := Run(context.Background(), Options{Events: 300, Seed: 1, PerKind: 3, Concurrent: 4, KeepDir: t.TempDir()}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Kinds) != len(synth.Kinds()) {
		t.Fatalf("%d kinds measured, want %d", len(r.Kinds), len(synth.Kinds()))
	}
	for _, k := range r.Kinds {
		if k.Alone.N != 3 || k.Loaded.N != 4 || k.Kept.N != 3 || k.Alone.P50 <= 0 {
			t.Errorf("%s: %+v", k.Kind, k)
		}
	}
	if r.Errors != 0 {
		t.Errorf("%d failures: %v", r.Errors, r.FirstErrors)
	}
	if r.Restart <= 0 || r.KeptBuild <= 0 {
		t.Errorf("restart %v, kept build %v", r.Restart, r.KeptBuild)
	}
	if r.BuildRate <= 0 || r.Interaction.N != 3*len(synth.Kinds()) {
		t.Errorf("build %v entries/s, %d interactions", r.BuildRate, r.Interaction.N)
	}
	var table bytes.Buffer
	r.WriteTable(&table)
	for _, want := range []string{"300 entries", "entries/s", "keyword", "duration", "interaction, in process", "restart", "p99 kept"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}
