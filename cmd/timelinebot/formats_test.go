package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// A made-up timeline as a Markdown page.
const millMarkdown = `# The Corran mill

The mill on the Corran river, from its building to its closing.

## May 4, 1820: The mill is built

Stonemasons raise the walls over a summer.

## June 1931: Flood damages the wheel

The river rises over the weir and breaks the wheel.

## 1968: The mill closes

The last miller retires.
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// import reads any format and writes the project's JSON, which validates
// and has the entries; export writes it back out in a published form
// that import reads to the same timeline.
func TestImportExport(t *testing.T) {
	dir := t.TempDir()
	md := writeFile(t, dir, "mill.md", millMarkdown)
	code, out, errOut := cli(t, nil, "", "import", md)
	if code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	tl, err := data.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("import wrote an invalid timeline: %v\n%s", err, out)
	}
	if tl.Title != "The Corran mill" || len(tl.Events) != 3 || tl.Events[1].Title != "Flood damages the wheel" || tl.Events[1].Dates[0].String() != "1931-06" {
		t.Errorf("imported %+v", tl)
	}
	js := writeFile(t, dir, "mill.json", out)
	for _, f := range []string{"timelinejs", "ics", "markdown"} {
		code, exported, errOut := cli(t, nil, "", "export", "--format", f, "--timeline", js)
		if code != exitOK {
			t.Fatalf("export %s: exit %d\n%s", f, code, errOut)
		}
		back := writeFile(t, dir, "back."+map[string]string{"timelinejs": "json", "ics": "ics", "markdown": "md"}[f], exported)
		code, again, errOut := cli(t, nil, "", "import", back)
		if code != exitOK {
			t.Fatalf("import of the %s export: exit %d\n%s", f, code, errOut)
		}
		tl2, err := data.Parse(strings.NewReader(again))
		if err != nil || len(tl2.Events) != 3 {
			t.Fatalf("the %s round trip: %v %+v", f, err, tl2)
		}
		for i := range tl.Events {
			if tl2.Events[i].Title != tl.Events[i].Title || tl2.Events[i].Dates[0] != tl.Events[i].Dates[0] || tl2.Events[i].Text != tl.Events[i].Text {
				t.Errorf("the %s round trip changed event %d: %+v, want %+v", f, i, tl2.Events[i], tl.Events[i])
			}
		}
	}
	// Any format answers directly.
	code, out, errOut = cli(t, nil, "", "ask", "--timeline", md, "when did the flood damage the wheel?")
	if code != exitOK || !strings.Contains(out, "June 1931") {
		t.Errorf("ask from Markdown: exit %d\n%s%s", code, out, errOut)
	}
	// A file that is not a timeline says where.
	bad := writeFile(t, dir, "bad.md", "# A page\n\nNo dates at all.\n")
	if code, _, errOut := cli(t, nil, "", "import", bad); code != exitError || !strings.Contains(errOut, "bad.md") {
		t.Errorf("import of a page without entries: exit %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "", "import", "--format", "yaml", md); code != exitUsage || !strings.Contains(errOut, "timelinejs") {
		t.Errorf("an unknown format: exit %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "", "export"); code != exitUsage || !strings.Contains(errOut, "--format") {
		t.Errorf("export without a format: exit %d %q", code, errOut)
	}
}

// TIMELINES=DIR loads every timeline file in it, whatever its format.
func TestTimelinesDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mill.md", millMarkdown)
	src, err := os.ReadFile(filepath.Join("testdata", "apollo13.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "apollo.json", string(src))
	writeFile(t, dir, "notes.bin", "ignored")
	srcs, err := sources(config{Timelines: dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range srcs {
		names = append(names, s.name)
	}
	if strings.Join(names, " ") != "apollo mill" {
		t.Errorf("TIMELINES=%s loads %v", dir, names)
	}
}
