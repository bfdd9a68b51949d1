package formats

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// fixedNow is the Options.Now of the tests, so that the bound of an
// endless recurrence does not move with the clock.
var fixedNow = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

func TestFormats(t *testing.T) {
	want := []Format{JSON, Article, Markdown, TimelineJS, TimelineJSCSV, ICS}
	got := Formats()
	if len(got) != len(want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Formats()[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestDetect(t *testing.T) {
	tjs, _ := os.ReadFile("testdata/timelinejs_rail.json")
	own, _ := os.ReadFile("testdata/roundtrip.json")
	for _, c := range []struct {
		name, head string
		want       Format
		ok         bool
	}{
		{"a.json", string(own), JSON, true},
		{"a.json", string(tjs), TimelineJS, true},
		{"a.json", string(tjs[:200]), TimelineJS, true}, // cut off: "start_date" is in sight
		{"a.JSON", `{"events": [{"dates": ["2016"]}]}`, JSON, true},
		{"notes.md", "anything", Markdown, true},
		{"notes.markdown", "", Markdown, true},
		{"story.txt", "# looks like markdown", Article, true}, // the extension says
		{"sheet.csv", "", TimelineJSCSV, true},
		{"cal.ics", "", ICS, true},
		{"upload", "\xEF\xBB\xBF{\"title\": \"x\", \"events\": [{\"start_date\": {\"year\": 2016}}]}", TimelineJS, true},
		{"upload", `{"title": "x", "events": []}`, JSON, true},
		{"upload", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ICS, true},
		{"upload", "begin:vcalendar\n", ICS, true},
		{"upload", "Year,Month,Day,Headline,Text\n2016,,,A,B\n", TimelineJSCSV, true},
		{"upload", "# Title\n\n## 2016: An entry\n", Markdown, true},
		{"upload", "Title\n\nSee [the page](https://example.org).\n", Markdown, true},
		{"upload", "A headline\n\nFeb. 28, 2016: An entry\n", Article, true},
		{"upload", "   \n\t", "", false},
		{"upload", "\x00\x01\x02binary", "", false},
		{"upload", "", "", false},
	} {
		got, ok := Detect(c.name, []byte(c.head))
		if got != c.want || ok != c.ok {
			t.Errorf("Detect(%q, %.30q) = %q, %v; want %q, %v", c.name, c.head, got, ok, c.want, c.ok)
		}
	}
}

// TestRoundTrip exports timelines in every export format and imports them
// back: the same timeline, every field, for the seed and for a made-up
// timeline with every kind of date, ids, quotes, synonyms, examples, a
// full source, and text that looks like markup.
func TestRoundTrip(t *testing.T) {
	seed, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	made, err := data.Load("testdata/roundtrip.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range []*data.Timeline{seed, made} {
		for _, f := range []Format{JSON, TimelineJS, ICS, Markdown} {
			t.Run(string(f)+"/"+tl.Title[:10], func(t *testing.T) {
				var b bytes.Buffer
				if err := Export(&b, tl, f); err != nil {
					t.Fatal(err)
				}
				got, rep, err := Import(bytes.NewReader(b.Bytes()), f, Options{})
				if err != nil {
					t.Fatalf("%v\n%s", err, b.String())
				}
				for _, d := range diffTimelines(got, tl, nil) {
					t.Error(d)
				}
				if len(rep.Skipped) > 0 {
					t.Errorf("the export has things the import skips: %v", rep.Skipped)
				}
				if t.Failed() {
					t.Log(b.String())
				}
				// Detect knows the export by its name and by its content.
				ext := map[Format]string{JSON: ".json", TimelineJS: ".json", ICS: ".ics", Markdown: ".md"}[f]
				for _, name := range []string{"export" + ext, "export"} {
					if d, ok := Detect(name, b.Bytes()[:min(b.Len(), 512)]); !ok || d != f {
						t.Errorf("Detect(%q) = %q, %v; want %q", name, d, ok, f)
					}
				}
			})
		}
	}
}

// TestExportMarkdownPlain checks that the Markdown export is plain where
// it can be: the seed's quotes are read back from its text, so no entry
// needs a comment.
func TestExportMarkdownPlain(t *testing.T) {
	seed, _ := data.Seed()
	var b bytes.Buffer
	if err := Export(&b, seed, Markdown); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "<!-- timelinebot"); n != 1 {
		t.Errorf("%d timelinebot comments, want 1 (the source's):\n%s", n, b.String())
	}
	if !strings.Contains(b.String(), "\n## July 18, 2016, and Sept. 8, 2016: Sessions meets with Kislyak\n") {
		t.Errorf("no dated section heading for the two-date entry:\n%s", b.String())
	}
}

func TestExportICSFolds(t *testing.T) {
	seed, _ := data.Seed()
	var b bytes.Buffer
	if err := Export(&b, seed, ICS); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(b.String(), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, more than 75: %q", i+1, len(line), line)
		}
	}
	if !strings.Contains(b.String(), "DTSTART;VALUE=DATE:20160228\r\n") {
		t.Error("no all-day DTSTART")
	}
	// A one-day event ends, exclusively, the next day.
	if !strings.Contains(b.String(), "DTEND;VALUE=DATE:20160229") {
		t.Errorf("the one-day event of Feb. 28, 2016 does not end on Feb. 29:\n%s", b.String())
	}
}

func TestExportErrors(t *testing.T) {
	seed, _ := data.Seed()
	for _, f := range []Format{Article, TimelineJSCSV, "pdf"} {
		if err := Export(&bytes.Buffer{}, seed, f); err == nil {
			t.Errorf("Export(%q) succeeded, want an error", f)
		}
	}
	if err := Export(&bytes.Buffer{}, nil, JSON); err == nil {
		t.Error("Export(nil) succeeded")
	}
}

func TestImportJSON(t *testing.T) {
	want, _ := data.Load("testdata/roundtrip.json")
	got, rep := importFile(t, "testdata/roundtrip.json", JSON, Options{})
	for _, d := range diffTimelines(got, want, nil) {
		t.Error(d)
	}
	if rep.Events != len(want.Events) {
		t.Errorf("report: %d events, want %d", rep.Events, len(want.Events))
	}
	got, _ = importFile(t, "testdata/roundtrip.json", JSON, Options{Title: "Other", Source: "Someone"})
	if got.Title != "Other" || got.Source.Name != "Someone" {
		t.Errorf("options not applied: %q, %q", got.Title, got.Source.Name)
	}

	bad := "{\n  \"title\": \"T\",\n  \"source\": {\"name\": \"S\"},\n  \"events\": [\n    {\"dates\": [\"2016-02-30\"], \"title\": \"Leap\", \"text\": \"x\"}\n  ]\n}\n"
	_, _, err := Import(strings.NewReader(bad), JSON, Options{})
	var e *Error
	if !errors.As(err, &e) || e.Line != 5 || e.Event != 1 || e.Title != "Leap" || e.Field != "dates[0]" {
		t.Fatalf("error %v (%#v), want line 5, event 1 (\"Leap\"), dates[0]", err, e)
	}
	if want := `line 5: event 1 ("Leap"): dates[0]: "2016-02-30" is not a date: February 2016 has 29 days`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestImportUnknownFormat(t *testing.T) {
	if _, _, err := Import(strings.NewReader("x"), "pdf", Options{}); err == nil {
		t.Error("an unknown format imported")
	}
}

// TestImportEmpty: every importer refuses an empty source with an error,
// not a panic or an empty timeline.
func TestImportEmpty(t *testing.T) {
	for _, f := range Formats() {
		if tl, _, err := Import(strings.NewReader(""), f, Options{}); err == nil {
			t.Errorf("%s: an empty source imported: %+v", f, tl)
		}
	}
}

// FuzzImport feeds every importer untrusted bytes: no panic, and a nil
// error means a timeline data accepts.
func FuzzImport(f *testing.F) {
	for _, path := range []string{"testdata/article.txt", "testdata/article_harbor.txt", "testdata/markdown_garden.md",
		"testdata/timelinejs_rail.json", "testdata/timelinejs_sheet.csv", "testdata/calendar.ics", "testdata/roundtrip.json",
		"testdata/calendar_errors.ics", "testdata/timelinejs_errors.json"} {
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for i := range Formats() {
			f.Add(raw, uint8(i))
		}
	}
	f.Add([]byte("BEGIN:VCALENDAR\nX;A=\"b\"c:v\nEND:VCALENDAR\n"), uint8(5))
	f.Add([]byte("BEGIN:VCALENDAR\nDTSTART;TZID=x\nEND:VCALENDAR\n"), uint8(5))
	f.Fuzz(func(t *testing.T, raw []byte, which uint8) {
		formats := Formats()
		format := formats[int(which)%len(formats)]
		tl, rep, err := Import(bytes.NewReader(raw), format, Options{Now: fixedNow})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s: error %v is no *Error", format, err)
			}
			return
		}
		if tl == nil || len(tl.Events) == 0 || rep.Events != len(tl.Events) {
			t.Fatalf("%s: nil error with timeline %+v, report %+v", format, tl, rep)
		}
		// A nil error means a valid timeline: its own file form passes data.
		var b bytes.Buffer
		if err := Export(&b, tl, JSON); err != nil {
			t.Fatal(err)
		}
		if _, err := data.Parse(&b); err != nil {
			t.Fatalf("%s: imported a timeline data refuses: %v", format, err)
		}
	})
}
