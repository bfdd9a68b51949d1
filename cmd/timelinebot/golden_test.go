package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the output")

// TestGolden runs commands and compares what a person would see (exit
// code, standard output and error, as text for an 80-column non-terminal)
// with testdata/golden. go test -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.json")
	sentence := "The committee met again and talked for hours about the bridge. "
	if err := os.WriteFile(long, []byte(fmt.Sprintf(`{"title": "A long entry", "source": {"name": "Made up"}, "events": [
		{"dates": ["2020-05"], "title": "Talks", "text": %q},
		{"dates": ["2025"], "title": "Moved the garden", "text": "The garden moved."}]}`, strings.Repeat(sentence, 5000))), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
	}{
		{"ask-when", []string{"ask", "when did Sessions recuse himself?"}},
		{"date-said-once", []string{"date", "2017-03-02"}},
		{"date-without-a-year", []string{"date", "June 5"}},
		{"duration-a-year", []string{"ask", "how many days between the endorsement and the recusal"}},
		{"timeline", []string{"timeline"}},
		{"long-entry-is-cut", []string{"--timeline", long, "date", "May 2020"}},
		{"year-said-once", []string{"--timeline", long, "date", "2025"}},
		{"unknown-command", []string{"serch", "Kislyak"}},
		{"help-date", []string{"help", "date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, nil, "", tt.args...)
			got := fmt.Sprintf("$ timelinebot %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(redactPath(tt.args, dir), " "), code, out, strings.ReplaceAll(errOut, dir, "$DIR"))
			file := filepath.Join("testdata", "golden", tt.name+".txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update if the change is meant):\n%s", file, got)
			}
		})
	}
}

func redactPath(args []string, dir string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = strings.ReplaceAll(a, dir, "$DIR")
	}
	return out
}
