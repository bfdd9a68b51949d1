package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A long build is reported, at most every progressEvery: entries done,
// the rate, the time left; a short one says nothing.
func TestProgress(t *testing.T) {
	var said []string
	report := progressTo(func(s string) { said = append(said, s) }, time.Now().Add(-10*time.Second))
	report(50, 100)
	report(60, 100) // too soon after the last
	if len(said) != 1 || !strings.Contains(said[0], "50 of 100 entries, 5 a second, about 10s left") {
		t.Errorf("said %q", said)
	}
	said = nil
	quick := progressTo(func(s string) { said = append(said, s) }, time.Now())
	quick(10, 100)
	if len(said) != 0 {
		t.Errorf("a build under %v said %q", progressEvery, said)
	}
	if progressTo(nil, time.Now()) != nil {
		t.Error("no one to tell, yet a reporter")
	}
}

// gen writes the same timeline for the same seed, another for another.
func TestGen(t *testing.T) {
	_, a, _ := cli(t, nil, "", "gen", "--events", "20", "--seed", "7")
	_, b, _ := cli(t, nil, "", "gen", "--events", "20", "--seed", "7")
	_, c, _ := cli(t, nil, "", "gen", "--events", "20", "--seed", "8")
	if a == "" || a != b || a == c || strings.Count(a, `"id":`) != 20 {
		t.Errorf("gen: %d bytes, same seed same %v, other seed other %v", len(a), a == b, a != c)
	}
	if code, _, errOut := cli(t, nil, "", "gen", "--events", "0"); code != exitUsage || !strings.Contains(errOut, "--events") {
		t.Errorf("gen --events 0: exit %d %q", code, errOut)
	}
}

// An answer carries at most a page of events, says how many there are
// and where the next page starts; --offset prints it.
func TestAnswerPages(t *testing.T) {
	_, gen, _ := cli(t, nil, "", "gen", "--events", "400", "--seed", "3")
	file := writeFile(t, t.TempDir(), "big.json", gen)
	var a struct {
		Total  int               `json:"total"`
		Next   int               `json:"next"`
		Events []json.RawMessage `json:"events"`
	}
	code, out, errOut := cli(t, nil, "", "between", "--json", "--timeline", file, "1900", "2100")
	if code != exitOK || json.Unmarshal([]byte(out), &a) != nil {
		t.Fatalf("exit %d %s", code, errOut)
	}
	if a.Total <= 100 || len(a.Events) != 100 || a.Next != 100 {
		t.Fatalf("total %d, %d events, next %d", a.Total, len(a.Events), a.Next)
	}
	total := a.Total
	_, out, _ = cli(t, nil, "", "between", "--json", "--offset", "100", "--timeline", file, "1900", "2100")
	if json.Unmarshal([]byte(out), &a) != nil || a.Total != total || len(a.Events) != min(100, total-100) {
		t.Errorf("--offset 100: total %d, %d events, next %d", a.Total, len(a.Events), a.Next)
	}
	if _, out, _ = cli(t, nil, "", "between", "--timeline", file, "1900", "2100"); !strings.Contains(out, "more; see them with --offset 100") {
		t.Errorf("the text does not say how to see more:\n%.300s", out)
	}
}

// --index-dir keeps the index for the next run, which answers the same
// from it; with the file unchanged (its size and time), the timeline kept
// beside the index is read instead of the file, and a changed file is
// read again.
func TestIndexDir(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join("testdata", "apollo13.json"))
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, t.TempDir(), "apollo13.json", string(raw))
	args := []string{"--index-dir", dir, "--timeline", file, "ask", "when did the oxygen tank explode?"}
	code, first, errOut := cli(t, nil, "", args...)
	if code != exitOK {
		t.Fatalf("exit %d %s", code, errOut)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "apollo13", "whole-*"))
	if len(kept) != 1 {
		t.Fatalf("no index kept in %s", dir)
	}
	info, _ := os.Stat(kept[0])
	if code, again, _ := cli(t, nil, "", args...); code != exitOK || again != first {
		t.Errorf("from the kept index: %q, built: %q", again, first)
	}
	if info2, _ := os.Stat(kept[0]); !info2.ModTime().Equal(info.ModTime()) {
		t.Error("the kept index was built again")
	}

	// The same size and time, other bytes: the file is not read.
	stat, _ := os.Stat(file)
	if err := os.WriteFile(file, bytes.Repeat([]byte(" "), len(raw)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, stat.ModTime(), stat.ModTime()); err != nil {
		t.Fatal(err)
	}
	if code, again, errOut := cli(t, nil, "", args...); code != exitOK || again != first {
		t.Errorf("from the kept timeline: exit %d %q %s, want %q", code, again, errOut, first)
	}
	// A changed file is read: this one is not a timeline.
	if err := os.WriteFile(file, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := cli(t, nil, "", args...); code != exitError {
		t.Errorf("a changed, broken file: exit %d, want %d", code, exitError)
	}
}

// A later page of a one-answer question lists the other matches, not
// the first page's sentence over them; ask - pages each answer alike.
func TestOffsetOfAOneAnswerQuestion(t *testing.T) {
	file := writeFile(t, t.TempDir(), "ferries.json", `{"title": "Ferries", "source": {"name": "made up"}, "events": [
		{"dates": ["2001-03-04"], "title": "The ferry Aster sinks off Orrin", "text": "The ferry Aster sank in a storm."},
		{"dates": ["2003-05-06"], "title": "A second ferry sinks", "text": "The ferry Brume sank near the pier."},
		{"dates": ["2005-07-08"], "title": "Ferry service ends", "text": "The last ferry sailed."}]}`)
	code, first, errOut := cli(t, nil, "", "ask", "--timeline", file, "when did the ferry Aster sink?")
	if code != exitOK || !strings.Contains(first, "March 4, 2001") {
		t.Fatalf("exit %d %s%s", code, first, errOut)
	}
	sentence := strings.SplitN(first, "\n", 2)[0]
	for _, out := range []string{
		func() string {
			_, out, _ := cli(t, nil, "", "ask", "--offset", "1", "--timeline", file, "when did the ferry Aster sink?")
			return out
		}(),
		func() string {
			_, out, _ := cli(t, nil, "when did the ferry Aster sink?\n", "ask", "--offset", "1", "--timeline", file, "-")
			return out
		}(),
	} {
		if strings.Contains(out, sentence) || !strings.Contains(out, "Entries 2 to") || strings.Contains(out, "Aster sinks off") {
			t.Errorf("--offset 1 prints:\n%s\nthe first page's sentence: %q", out, sentence)
		}
	}
	// Any other answer keeps its sentence on every page.
	_, all, _ := cli(t, nil, "", "between", "--timeline", file, "2000", "2010")
	if _, later, _ := cli(t, nil, "", "between", "--offset", "1", "--timeline", file, "2000", "2010"); strings.SplitN(later, "\n", 2)[0] != strings.SplitN(all, "\n", 2)[0] {
		t.Errorf("between --offset 1 prints:\n%s\nwithout --offset:\n%s", later, all)
	}
	if _, out, _ := cli(t, nil, "", "ask", "--offset", "50", "--timeline", file, "when did the ferry Aster sink?"); !strings.Contains(out, "past the last") {
		t.Errorf("--offset 50 of a short answer prints:\n%s", out)
	}
}
