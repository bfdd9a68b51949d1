package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// devQuestions is the development question set: questions about the
// built-in timeline with what their answers must hold.
type devQuestions struct {
	// Timeline, when set, is the file in testdata the questions are about;
	// otherwise they are about the built-in timeline.
	Timeline string `json:"timeline"`
	// Floor, when set, is the share of the questions that must be right;
	// without it, every one must be.
	Floor     float64 `json:"floor"`
	Questions []struct {
		Q     string   `json:"q"`
		Kind  string   `json:"kind"`
		Top   string   `json:"top"`
		Set   []string `json:"set"`
		None  bool     `json:"none"`
		Count *int     `json:"count"`
		Days  *int     `json:"days"`
	} `json:"questions"`
}

// askedJSON is the part of `ask --json` output the evaluation reads.
type askedJSON struct {
	Query  string `json:"query"`
	Kind   string `json:"kind"`
	Answer string `json:"answer"`
	Error  *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Events []struct {
		Dates []string `json:"dates"`
	} `json:"events"`
	Count *int `json:"count"`
	Days  *int `json:"days"`
}

// TestQuestions asks every question of each set in testdata (the
// development set, questions-dev.json, and more of the same kinds) through
// `timelinebot ask --json -`, one process and one index as a script would,
// and scores the answers per kind. Every question must be answered right.
func TestQuestions(t *testing.T) {
	files, err := filepath.Glob("testdata/questions-*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no question sets in testdata: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) { askSet(t, file) })
	}
}

func askSet(t *testing.T, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set devQuestions
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for _, q := range set.Questions {
		in.WriteString(q.Q + "\n")
	}
	var out, errOut bytes.Buffer
	args := []string{"ask", "--json", "-"}
	if set.Timeline != "" {
		args = append([]string{"--timeline", filepath.Join("testdata", set.Timeline)}, args...)
	}
	code := run(context.Background(), args, strings.NewReader(in.String()), &out, &errOut, noEnv)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	type score struct{ right, total int }
	perKind := map[string]*score{}
	var failures []string
	i := 0
	for sc.Scan() {
		if i >= len(set.Questions) {
			t.Fatalf("more answers than questions: %s", sc.Text())
		}
		q := set.Questions[i]
		i++
		var got askedJSON
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatalf("%q: %v in %s", q.Q, err, sc.Text())
		}
		s := perKind[q.Kind]
		if s == nil {
			s = &score{}
			perKind[q.Kind] = s
		}
		s.total++
		first := make([]string, len(got.Events))
		for j, e := range got.Events {
			first[j] = e.Dates[0]
		}
		var wrong []string
		if got.Query != q.Q {
			wrong = append(wrong, fmt.Sprintf("query echoed as %q", got.Query))
		}
		if got.Error != nil {
			wrong = append(wrong, "error: "+got.Error.Message)
		}
		if got.Kind != q.Kind {
			wrong = append(wrong, fmt.Sprintf("kind %s, want %s", got.Kind, q.Kind))
		}
		if q.Top != "" && (len(first) == 0 || first[0] != q.Top) {
			wrong = append(wrong, fmt.Sprintf("events %v, want %s first", first, q.Top))
		}
		if q.Set != nil {
			a, b := slices.Sorted(slices.Values(first)), slices.Sorted(slices.Values(q.Set))
			if !slices.Equal(a, b) {
				wrong = append(wrong, fmt.Sprintf("events %v, want exactly %v", first, q.Set))
			}
		}
		if q.None && len(first) != 0 {
			wrong = append(wrong, fmt.Sprintf("events %v, want none", first))
		}
		for _, n := range []struct {
			name      string
			want, got *int
		}{{"count", q.Count, got.Count}, {"days", q.Days, got.Days}} {
			if n.want == nil {
				continue
			}
			if n.got == nil || *n.got != *n.want {
				wrong = append(wrong, fmt.Sprintf("%s %v, want %d", n.name, deref(n.got), *n.want))
			}
			if !strings.Contains(got.Answer, fmt.Sprint(*n.want)) {
				wrong = append(wrong, fmt.Sprintf("answer %q does not say %d", got.Answer, *n.want))
			}
		}
		if len(wrong) == 0 {
			s.right++
		} else {
			failures = append(failures, fmt.Sprintf("%q [%s]: %s\n    answer: %s", q.Q, q.Kind, strings.Join(wrong, "; "), got.Answer))
		}
	}
	if i != len(set.Questions) {
		t.Fatalf("%d answers for %d questions", i, len(set.Questions))
	}
	right, total := 0, 0
	for _, kind := range slices.Sorted(maps.Keys(perKind)) {
		s := perKind[kind]
		right += s.right
		total += s.total
		t.Logf("%-9s %2d/%-2d %5.1f%%", kind, s.right, s.total, 100*float64(s.right)/float64(s.total))
	}
	t.Logf("%-9s %2d/%-2d %5.1f%%", "overall", right, total, 100*float64(right)/float64(total))
	if set.Floor > 0 {
		for _, f := range failures {
			t.Log(f)
		}
		if float64(right) < set.Floor*float64(total) {
			t.Errorf("%d of %d right, below the floor of %.0f%%", right, total, 100*set.Floor)
		}
		return
	}
	for _, f := range failures {
		t.Error(f)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// noEnv is an environment with nothing set.
func noEnv(string) (string, bool) { return "", false }
