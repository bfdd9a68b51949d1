package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// cli runs the program as a user would, with the given environment only.
func cli(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	return code, out.String(), errOut.String()
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  []string // stdout contains each
		err  []string // stderr contains each
	}{
		{name: "ask", args: []string{"ask", "what happened in June 2017"}, out: []string{"June 5, 2017", "June 6, 2017", "Travel ban"}},
		{name: "search", args: []string{"search", "Mayflower"}, out: []string{"April 27, 2016"}},
		{name: "query syntax is text", args: []string{"search", "+Mayflower -Hotel title:x /.*/ ~ ^"}, out: []string{"April 27, 2016"}},
		{name: "date", args: []string{"date", "Sept. 8, 2016"}, out: []string{"Sessions meets with Kislyak"}},
		{name: "a month with no year", args: []string{"date", "March"}, out: []string{"March 3, 2016", "March 2, 2017"}},
		{name: "between", args: []string{"between", "2017-01", "2017-03"}, out: []string{"Jan. 10, 2017", "March 2, 2017"}},
		{name: "timeline", args: []string{"timeline"}, out: []string{"Feb. 28, 2016", "June 6, 2017"}},
		{name: "help", args: []string{"help"}, out: []string{"Usage:"}},
		{name: "bad date", args: []string{"date", "Feb. 30, 2016"}, code: exitError, err: []string{"February 2016 has 29 days"}},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage, err: []string{`unknown command "frobnicate"`, "timelinebot help"}},
		{name: "a mistyped command", args: []string{"serch", "Kislyak"}, code: exitUsage, err: []string{`did you mean "search"?`}},
		{name: "a date unquoted", args: []string{"date", "March", "2,", "2017"}, out: []string{"Recusal"}},
		{name: "dates the wrong way round", args: []string{"between", "2017-03", "2017-01"}, out: []string{"later date came first", "Jan. 10, 2017", "March 2, 2017"}},
		{name: "ask without a question", args: []string{"ask"}, code: exitUsage},
		{name: "no token", args: nil, code: exitUsage, err: []string{"DISCORD_TOKEN", ".env.example", "timelinebot ask"}},
		{name: "missing timeline file", args: []string{"--timeline", "no-such-file.json", "timeline"}, code: exitError, err: []string{"no-such-file.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, nil, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, s := range tt.out {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not say %q:\n%s", s, out)
				}
			}
			for _, s := range tt.err {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr does not say %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestAskJSONContract(t *testing.T) {
	code, out, errOut := cli(t, nil, "", "ask", "--json", "what happened in June 2017")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Query, Kind, Answer string
		Events              []struct {
			ID    string   `json:"id"`
			Dates []string `json:"dates"`
			Title string   `json:"title"`
			Text  string   `json:"text"`
			Score *float64 `json:"score"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got.Query != "what happened in June 2017" || got.Kind != "range" || got.Answer == "" {
		t.Errorf("query %q kind %q answer %q", got.Query, got.Kind, got.Answer)
	}
	var dates []string
	for _, e := range got.Events {
		if e.ID == "" || e.Title == "" || e.Text == "" || e.Score == nil {
			t.Errorf("event %+v misses a field of the contract", e)
		}
		dates = append(dates, e.Dates[0])
	}
	if strings.Join(dates, " ") != "2017-06-05 2017-06-06" {
		t.Errorf("events %v, want the June 5 and June 6, 2017 entries in order", dates)
	}

	// Nothing matched is an empty list, not null.
	_, out, _ = cli(t, nil, "", "date", "--json", "Dec. 25, 2016")
	if !strings.Contains(out, `"events":[]`) && !strings.Contains(out, `"events": []`) {
		t.Errorf("an empty answer should carry \"events\": [], got %s", out)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"title": "T", "source": {"name": "S"}, "events": [
		{"dates": ["2016-02-28"], "title": "One", "text": "x"},
		{"id": "second", "dates": ["2016-02-30"], "title": "", "text": "y"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, nil, "", "validate", bad)
	if code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	for _, s := range []string{bad + `: line 3, column 30: event 2 (id "second"): dates[0]: "2016-02-30" is not a date: February 2016 has 29 days`,
		bad + `: line 3, column 54: event 2 (id "second"): title: is missing`} {
		if !strings.Contains(errOut, s) {
			t.Errorf("validate does not report %q:\n%s", s, errOut)
		}
	}
	code, out, _ := cli(t, nil, "", "validate", "--json", bad)
	var v struct {
		OK       bool `json:"ok"`
		Problems []struct {
			Line, Column, Event int
			Field               string
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != exitError || v.OK || len(v.Problems) != 2 ||
		v.Problems[1].Line != 3 || v.Problems[1].Column != 54 || v.Problems[1].Event != 2 || v.Problems[1].Field != "title" {
		t.Errorf("validate --json: exit %d, %+v (%v)\n%s", code, v, err, out)
	}
	if code, out, errOut := cli(t, nil, "", "validate", filepath.Join("..", "..", "data", "timeline.json")); code != exitOK || !strings.Contains(out, "9 events") {
		t.Errorf("the built-in timeline: exit %d, %s%s", code, out, errOut)
	}
}

// A file with more problems than anyone reads is cut, and says how many
// more there are; one event is "1 event".
func TestValidateCapsAndCounts(t *testing.T) {
	dir := t.TempDir()
	var events []string
	for range 60 {
		events = append(events, `{"dates": ["2016-13"], "title": "x", "text": "y"}`)
	}
	many := filepath.Join(dir, "many.json")
	one := filepath.Join(dir, "one.json")
	os.WriteFile(many, []byte(`{"title": "T", "source": {"name": "S"}, "events": [`+strings.Join(events, ",\n")+`]}`), 0o600)
	os.WriteFile(one, []byte(`{"title": "T", "source": {"name": "S"}, "events": [{"dates": ["2016"], "title": "x", "text": "y"}]}`), 0o600)
	code, _, errOut := cli(t, nil, "", "validate", many)
	if lines := strings.Count(errOut, "\n"); code != exitError || lines != 51 || !strings.Contains(errOut, "and 10 more") {
		t.Errorf("60 problems: exit %d, %d lines:\n%s", code, lines, errOut)
	}
	if _, out, _ := cli(t, nil, "", "validate", one); !strings.Contains(out, "ok, 1 event, 2016 to 2016") {
		t.Errorf("one event: %s", out)
	}
}

func TestOtherTimeline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "moon.json")
	if err := os.WriteFile(path, []byte(`{"title": "Apollo 11", "source": {"name": "NASA"}, "events": [
		{"dates": ["1969-07-16"], "title": "Launch", "text": "Saturn V lifts off from Kennedy Space Center."},
		{"dates": ["1969-07-20"], "title": "Landing", "text": "The lunar module Eagle lands in the Sea of Tranquility."}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"--timeline", path, "ask", "when did Eagle land?"}},
		{map[string]string{"TIMELINE_FILE": path}, []string{"ask", "when did Eagle land?"}},
	} {
		code, out, errOut := cli(t, c.env, "", c.args...)
		if code != exitOK || !strings.Contains(out, "July 20, 1969") {
			t.Errorf("%v %v: exit %d\n%s%s", c.env, c.args, code, out, errOut)
		}
	}
}

func TestCommandLineMistakesAreUsageErrors(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		code int
		says string
	}{
		{nil, []string{"--bogus"}, exitUsage, "bogus"},
		{nil, []string{"ask", "--bogus", "x"}, exitUsage, "bogus"},
		{nil, []string{"search", "--limit", "abc", "Kislyak"}, exitUsage, "--limit abc"},
		{nil, []string{"search", "--limit", "0", "Kislyak"}, exitUsage, "--limit 0"},
		{nil, []string{"search", "--limit=-2", "Kislyak"}, exitUsage, "--limit -2"},
		{nil, []string{"--limit", "3", "ask", "x"}, exitUsage, "--limit is for search only"},
		{nil, []string{"ask", "--bogus", "x"}, exitUsage, "unknown flag --bogus"},
		{nil, []string{"ask", "x", "--timeline"}, exitUsage, "--timeline needs a value"},
		{nil, []string{"-h"}, exitOK, "Usage:"},
		{nil, []string{"ask", "--help"}, exitOK, "Usage:"},
		{map[string]string{"DISCORD_API_URL": "discord.com"}, []string{"timeline"}, exitUsage, "DISCORD_API_URL"},
		{map[string]string{"LOG_LEVEL": "loud"}, []string{"timeline"}, exitUsage, "LOG_LEVEL"},
		{map[string]string{"LOG_FORMAT": "xml"}, []string{"timeline"}, exitUsage, "LOG_FORMAT"},
	} {
		code, out, errOut := cli(t, c.env, "", c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.says) {
			t.Errorf("%v %v: exit %d, want %d saying %q\n%s%s", c.env, c.args, code, c.code, c.says, out, errOut)
		}
	}
}

// Flags may stand anywhere, before the command or after the question, as
// people type them; "--" ends them.
func TestFlagsAnywhere(t *testing.T) {
	for _, args := range [][]string{{"--json", "ask", "what happened in June 2017"}, {"ask", "--json", "what happened in June 2017"}} {
		if code, out, errOut := cli(t, nil, "", args...); code != exitOK || !strings.Contains(out, `"query":"what happened in June 2017"`) {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if code, out, errOut := cli(t, nil, "", "timeline", "--timeline", filepath.Join("testdata", "apollo13.json")); code != exitOK || !strings.Contains(out, "Apollo") {
		t.Errorf("--timeline after the command: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := cli(t, nil, "", "ask", "what happened in June 2017", "--json")
	if code != exitOK || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"query":"what happened in June 2017"`) {
		t.Errorf("ask Q --json: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = cli(t, nil, "", "search", "--json", "--", "-Kislyak")
	if code != exitOK || !strings.Contains(out, `"query":"-Kislyak"`) {
		t.Errorf("search -- -Kislyak: exit %d\n%s", code, out)
	}
}

// A malformed .env is reported without its contents: it holds the token.
func TestMalformedDotenvKeepsTheTokenOut(t *testing.T) {
	dir := t.TempDir()
	secret := "MTIzNDU2Nzg5.secret-token-value"
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("X Y\nDISCORD_TOKEN=\""+secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, out, errOut := cli(t, nil, "", "ask", "June 2017")
	if code != exitUsage || !strings.Contains(errOut, ".env") {
		t.Errorf("exit %d, stderr %q: want a usage error naming .env", code, errOut)
	}
	if strings.Contains(out+errOut, "secret") {
		t.Errorf("the token was printed: %s%s", out, errOut)
	}
}

func TestAskEachLine(t *testing.T) {
	in := "when did Sessions endorse Trump?\n\nwhat happened on Feb. 30, 2016?\r\nwhat happened in 2017\n   \n"
	code, out, errOut := cli(t, nil, in, "ask", "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{`"kind":"when"`, `"query":"","error":{"code":"no_question"`, `"error":{"code":"bad_date","message":"I couldn't read that date`, `"kind":"range"`, `"code":"no_question"`}
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d lines of questions:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %s, want %s", i+1, lines[i], w)
		}
	}
	_, out, _ = cli(t, nil, in, "ask", "-")
	if !strings.HasPrefix(out, "> when did Sessions endorse Trump?\nFeb. 28, 2016") || !strings.Contains(out, "\n\n> what happened in 2017\n") {
		t.Errorf("text answers do not follow their questions:\n%s", out)
	}
}

// With --json every outcome is one JSON object on standard output,
// errors too, with a code; the exit code is the same as without.
func TestJSONErrors(t *testing.T) {
	for _, c := range []struct {
		args        []string
		code        int
		query, kind string
	}{
		{[]string{"ask", "--json", ""}, exitUsage, "", "usage"},
		{[]string{"ask", "--json"}, exitUsage, "", "usage"},
		{[]string{"date", "--json", "Feb. 30, 2016"}, exitError, "Feb. 30, 2016", "bad_date"},
		{[]string{"--json", "frobnicate"}, exitUsage, "", "usage"},
		{[]string{"--json", "--timeline", "no-such-file.json", "timeline"}, exitError, "timeline", "bad_timeline"},
		{[]string{"search", "--json", "the of"}, exitError, "the of", "common_words"},
		{[]string{"ask", "--bogus", "--json", "x"}, exitUsage, "", "usage"}, // a bad flag before --json
	} {
		code, out, errOut := cli(t, nil, "", c.args...)
		var got struct {
			Query string `json:"query"`
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != c.code || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q: want one JSON object and exit %d", c.args, code, out, errOut, c.code)
			continue
		}
		if got.Query != c.query || got.Error.Code != c.kind || got.Error.Message == "" {
			t.Errorf("%v: %+v, want query %q and code %q", c.args, got, c.query, c.kind)
		}
	}
	// An empty question and none are the same mistake.
	c1, _, e1 := cli(t, nil, "", "ask")
	c2, _, e2 := cli(t, nil, "", "ask", "")
	if c1 != c2 || e1 != e2 {
		t.Errorf("ask and ask \"\" differ: %d %q, %d %q", c1, e1, c2, e2)
	}
}

// Keyword results come best first, and their scores say so.
func TestSearchScoresFallInOrder(t *testing.T) {
	_, out, _ := cli(t, nil, "", "search", "--json", "--limit", "9", "Kislyak meeting Washington")
	var got struct {
		Events []struct {
			Score float64 `json:"score"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Events) < 3 {
		t.Fatalf("%v: %s", err, out)
	}
	for i := 1; i < len(got.Events); i++ {
		if got.Events[i].Score > got.Events[i-1].Score {
			t.Errorf("score %d (%v) above score %d (%v)", i, got.Events[i].Score, i-1, got.Events[i-1].Score)
		}
	}
}

// A command's help shows examples from the timeline it would answer from.
func TestCommandHelp(t *testing.T) {
	other := []string{"--timeline", filepath.Join("testdata", "apollo13.json")}
	for _, args := range [][]string{{"help", "date"}, {"date", "--help"}, {"--help", "date"}} {
		code, out, errOut := cli(t, nil, "", append(other, args...)...)
		if code != exitOK || !strings.Contains(out, "Usage: timelinebot date") || !strings.Contains(out, "1969") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		if strings.Contains(out, "2016") || strings.Contains(out, "Sessions") {
			t.Errorf("%v: the help of another timeline shows the built-in one's examples:\n%s", args, out)
		}
	}
	if code, out, _ := cli(t, nil, "", "help"); code != exitOK || !strings.Contains(out, "timelinebot completion SHELL") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, _ := cli(t, nil, "", "completion", shell)
		if code != exitOK || !strings.Contains(out, "timelinebot") || !strings.Contains(out, "validate") || !strings.Contains(out, "__titles") {
			t.Errorf("completion %s: exit %d\n%s", shell, code, out)
		}
	}
	if code, _, _ := cli(t, nil, "", "completion", "tcsh"); code != exitUsage {
		t.Errorf("completion tcsh: exit %d, want a usage error", code)
	}
	code, out, _ := cli(t, nil, "", "__titles")
	if code != exitOK || !strings.Contains(out, "Travel ban frustration\n") {
		t.Errorf("__titles: exit %d\n%s", code, out)
	}
}

// .env fills in what the environment does not set; what the environment
// sets wins, even when it sets it to nothing.
func TestDotenvUnderTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("TIMELINE_FILE=from-dotenv.json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if code, _, errOut := cli(t, nil, "", "timeline"); code != exitError || !strings.Contains(errOut, "from-dotenv.json") {
		t.Errorf(".env's TIMELINE_FILE was not used: exit %d, %s", code, errOut)
	}
	if code, _, errOut := cli(t, map[string]string{"TIMELINE_FILE": "from-env.json"}, "", "timeline"); code != exitError || !strings.Contains(errOut, "from-env.json") {
		t.Errorf("the environment did not win: exit %d, %s", code, errOut)
	}
	if code, out, errOut := cli(t, map[string]string{"TIMELINE_FILE": ""}, "", "timeline"); code != exitOK || !strings.Contains(out, "9 entries") {
		t.Errorf("TIMELINE_FILE set empty should mean the built-in timeline: exit %d, %s%s", code, out, errOut)
	}
}

// A timeline file too big, empty, binary or missing is refused with a
// clear message, before anything is built.
func TestUnreadableTimelines(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, []byte(`{"title": "`+strings.Repeat("x", 2000)+`"}`), 0o600)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o600)
	binary := filepath.Join(dir, "binary.json")
	os.WriteFile(binary, []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3}, 0o600)
	for _, c := range []struct {
		env  map[string]string
		file string
		says string
	}{
		{map[string]string{"TIMELINE_MAX_BYTES": "1000"}, big, "more than the 1000 a timeline may have (TIMELINE_MAX_BYTES)"},
		{nil, empty, "the file is empty"},
		{nil, binary, "the file must be one JSON object"},
		{nil, filepath.Join(dir, "missing.json"), "no such file"},
	} {
		code, _, errOut := cli(t, c.env, "", "--timeline", c.file, "timeline")
		if code != exitError || !strings.Contains(errOut, c.says) {
			t.Errorf("%s: exit %d, %q, want exit %d saying %q", c.file, code, errOut, exitError, c.says)
		}
	}
	for _, env := range []map[string]string{{"RATE_PER_USER": "5"}, {"RATE_PER_CHANNEL": "0/10s"}, {"ANSWERS_AT_ONCE": "-1"}, {"TIMELINE_MAX_BYTES": "lots"}} {
		if code, _, errOut := cli(t, env, "", "timeline"); code != exitUsage {
			t.Errorf("%v: exit %d (%s), want a usage error", env, code, errOut)
		}
	}
}

// A token Discord refuses ends the bot at once with one line that says
// which variable to fix, and exit code 2; the token itself is printed
// nowhere, plain or encoded.
func TestBotWithARefusedToken(t *testing.T) {
	fake := discordtest.New(t)
	secret := "MTE3MDAwMDAwMDAwMDAwMDAwMQ.recognisable-secret-token-xyz"
	env := map[string]string{"DISCORD_TOKEN": secret, "DISCORD_API_URL": fake.URL(), "DATA_DIR": t.TempDir(), "LOG_LEVEL": "warn"}
	start := time.Now()
	code, out, errOut := cli(t, env, "")
	if code != exitUsage || !strings.Contains(errOut, "DISCORD_TOKEN") || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
		t.Errorf("exit %d after %v\nstdout: %s\nstderr: %s", code, time.Since(start), out, errOut)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v to give up", time.Since(start))
	}
	for _, leak := range []string{secret, "recognisable-secret", base64.StdEncoding.EncodeToString([]byte("Bot " + secret))} {
		if strings.Contains(out+errOut, leak) {
			t.Errorf("the token was printed: %s%s", out, errOut)
		}
	}
}
