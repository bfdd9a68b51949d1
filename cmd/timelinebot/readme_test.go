package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestREADMEExamples runs every "$ timelinebot ..." line of the README
// (and every "go run ./cmd/timelinebot ..." one), in
// the repository root, and checks that it exits as the line says (0, or
// "# exit N") and that its first line of output is the README's next line,
// when that line is not another command.
func TestREADMEExamples(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	t.Chdir(filepath.Join("..", ".."))
	ran := 0
	for i, line := range lines {
		cmdline, ok := strings.CutPrefix(line, "$ timelinebot ")
		if !ok {
			// The first command the README gives, as a user types it.
			if cmdline, ok = strings.CutPrefix(line, "go run ./cmd/timelinebot "); !ok {
				continue
			}
		}
		ran++
		want := 0
		if m := exitNote.FindStringSubmatch(cmdline); m != nil {
			want, _ = strconv.Atoi(m[1])
			cmdline = cmdline[:len(cmdline)-len(m[0])]
		}
		args, err := shellWords(cmdline)
		if err != nil {
			t.Errorf("README line %d: %v", i+1, err)
			continue
		}
		code, out, errOut := cli(t, nil, "", args...)
		if code != want {
			t.Errorf("README line %d: %q exits %d, the README says %d\n%s%s", i+1, cmdline, code, want, out, errOut)
		}
		if i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "$ ") && !strings.HasPrefix(lines[i+1], "```") {
			first, _, _ := strings.Cut(out+errOut, "\n")
			if first != lines[i+1] {
				t.Errorf("README line %d: %q first prints\n  %s\nthe README says\n  %s", i+1, cmdline, first, lines[i+1])
			}
		}
	}
	if ran < 5 {
		t.Errorf("only %d examples found in the README", ran)
	}
}

var exitNote = regexp.MustCompile(`\s+# exit (\d+)$`)

// shellWords splits a command line as a POSIX shell would, for the quoting
// the README uses: double and single quotes, and backslash escapes.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, strconv.ErrSyntax
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
