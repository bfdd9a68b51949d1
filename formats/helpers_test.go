package formats

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// diffTimelines compares two timelines field by field and lists every
// difference with the field's path, so that a failure says which entry and
// which field, not just "not equal". skip names fields left out of the
// comparison (by path), each with the reason.
func diffTimelines(got, want *data.Timeline, skip map[string]string) []string {
	var diffs []string
	cmp := func(path, g, w string) {
		if _, ok := skip[path]; ok {
			return
		}
		if g != w {
			diffs = append(diffs, fmt.Sprintf("%s:\n\tgot  %q\n\twant %q", path, g, w))
		}
	}
	cmp("title", got.Title, want.Title)
	cmp("lede", got.Lede, want.Lede)
	cmp("source.name", got.Source.Name, want.Source.Name)
	cmp("source.url", got.Source.URL, want.Source.URL)
	cmp("source.published", dateOrNone(got.Source.Published), dateOrNone(want.Source.Published))
	cmp("source.copyright", got.Source.Copyright, want.Source.Copyright)
	cmp("synonyms", fmt.Sprint(got.Synonyms), fmt.Sprint(want.Synonyms))
	cmp("examples", fmt.Sprint(got.Examples), fmt.Sprint(want.Examples))
	if len(got.Events) != len(want.Events) {
		diffs = append(diffs, fmt.Sprintf("events: got %d, want %d", len(got.Events), len(want.Events)))
	}
	for i := range min(len(got.Events), len(want.Events)) {
		g, w := got.Events[i], want.Events[i]
		at := fmt.Sprintf("events[%d]", i)
		cmp(at+".id", g.ID, w.ID)
		cmp(at+".dates", datesOf(g), datesOf(w))
		cmp(at+".title", g.Title, w.Title)
		gp, wp := strings.Split(g.Text, "\n\n"), strings.Split(w.Text, "\n\n")
		if _, ok := skip[at+".text"]; !ok {
			if len(gp) != len(wp) {
				diffs = append(diffs, fmt.Sprintf("%s.text: got %d paragraphs, want %d:\n\tgot  %q\n\twant %q", at, len(gp), len(wp), g.Text, w.Text))
			} else {
				for j := range gp {
					cmp(fmt.Sprintf("%s.text ¶%d", at, j+1), gp[j], wp[j])
				}
			}
		}
		if _, ok := skip[at+".quotes"]; ok {
			continue
		}
		if len(g.Quotes) != len(w.Quotes) {
			diffs = append(diffs, fmt.Sprintf("%s.quotes: got %d, want %d:\n\tgot  %q\n\twant %q", at, len(g.Quotes), len(w.Quotes), g.Quotes, w.Quotes))
			continue
		}
		for j := range g.Quotes {
			cmp(fmt.Sprintf("%s.quotes[%d].by", at, j), g.Quotes[j].By, w.Quotes[j].By)
			cmp(fmt.Sprintf("%s.quotes[%d].text", at, j), g.Quotes[j].Text, w.Quotes[j].Text)
		}
	}
	return diffs
}

func dateOrNone(d *data.Date) string {
	if d == nil {
		return "(none)"
	}
	return d.String()
}

func datesOf(e data.Event) string {
	var s []string
	for _, d := range e.Dates {
		s = append(s, d.String())
	}
	return strings.Join(s, ", ")
}

func importFile(t *testing.T, path string, f Format, o Options) (*data.Timeline, Report) {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tl, rep, err := Import(file, f, o)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tl, rep
}

func importString(t *testing.T, src string, f Format, o Options) (*data.Timeline, Report) {
	t.Helper()
	tl, rep, err := Import(strings.NewReader(src), f, o)
	if err != nil {
		t.Fatalf("import %s: %v", f, err)
	}
	return tl, rep
}

func reportHas(rep Report, what, why string) bool {
	for _, s := range rep.Skipped {
		if strings.Contains(s.What, what) && strings.Contains(s.Why, why) {
			return true
		}
	}
	return false
}

func logReport(t *testing.T, rep Report) {
	t.Helper()
	for _, s := range rep.Skipped {
		t.Logf("skipped: %d: %s: %s", s.Line, s.What, s.Why)
	}
}

// checkWant compares an imported timeline with the expected one, kept as a
// timeline file in testdata.
func checkWant(t *testing.T, got *data.Timeline, wantPath string) {
	t.Helper()
	want, err := data.Load(wantPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffTimelines(got, want, nil) {
		t.Error(d)
	}
}

// wantSkipped checks that the report lists, at its line, something whose
// description and reason hold the given words.
func wantSkipped(t *testing.T, rep Report, line int, what, why string) {
	t.Helper()
	for _, s := range rep.Skipped {
		if s.Line == line && strings.Contains(s.What, what) && strings.Contains(s.Why, why) {
			return
		}
	}
	t.Errorf("the report lacks line %d: %q: %q; it has:", line, what, why)
	for _, s := range rep.Skipped {
		t.Logf("\t%d: %s: %s", s.Line, s.What, s.Why)
	}
}

// importErrors imports a source that must fail and returns its *Errors.
func importErrors(t *testing.T, path string, f Format) []*Error {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tl, _, err := Import(file, f, Options{Now: fixedNow})
	if err == nil {
		t.Fatalf("%s imported: %+v", path, tl)
	}
	var out []*Error
	var list interface{ Unwrap() []error }
	errs := []error{err}
	if errors.As(err, &list) {
		errs = list.Unwrap()
	}
	for _, e := range errs {
		var fe *Error
		if !errors.As(e, &fe) {
			t.Fatalf("error %v is no *Error", e)
		}
		out = append(out, fe)
	}
	return out
}

// wantErrors checks the messages of errors, in order.
func wantErrors(t *testing.T, errs []*Error, want ...string) {
	t.Helper()
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:", len(errs), len(want))
	}
	for i := range max(len(errs), len(want)) {
		switch {
		case i >= len(errs):
			t.Errorf("missing error %q", want[i])
		case i >= len(want):
			t.Errorf("unexpected error %q", errs[i])
		case errs[i].Error() != want[i]:
			t.Errorf("error %d:\n\tgot  %q\n\twant %q", i, errs[i].Error(), want[i])
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func importErrorsString(t *testing.T, src string, f Format) []*Error {
	t.Helper()
	path := t.TempDir() + "/src"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return importErrors(t, path, f)
}
