package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSeed(t *testing.T) {
	tl, err := Seed()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tl.Events); got != 9 {
		t.Fatalf("seed has %d events, want 9", got)
	}
	if got := tl.Source.Cite(); got != "ABC News, June 6, 2017" {
		t.Errorf("citation = %q", got)
	}
	var twoDates *Event
	for i := range tl.Events {
		e := &tl.Events[i]
		if i > 0 && e.First().Start().Before(tl.Events[i-1].First().Start()) {
			t.Errorf("event %s is out of order", e.ID)
		}
		if len(e.Dates) == 2 {
			twoDates = e
		}
	}
	if twoDates == nil {
		t.Fatal("the Kislyak meetings are one event with two dates")
	}
	if got, want := twoDates.DatesHuman(), "July 18, 2016, and Sept. 8, 2016"; got != want {
		t.Errorf("DatesHuman = %q, want %q", got, want)
	}
	if got, want := tl.Events[0].ID, "2016-02-28-sessions-endorses-trump"; got != want {
		t.Errorf("derived id = %q, want %q", got, want)
	}
	for _, furniture := range []string{"Share on", "Getty Images"} {
		if strings.Contains(tl.Lede, furniture) {
			t.Errorf("lede carries page furniture %q", furniture)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, human, err string
	}{
		{in: "2017-03-02", want: "2017-03-02", human: "March 2, 2017"},
		{in: "2016-09-08", want: "2016-09-08", human: "Sept. 8, 2016"},
		{in: "2017-03", want: "2017-03", human: "March 2017"},
		{in: "2016", want: "2016", human: "2016"},
		{in: "2016-02-29", want: "2016-02-29", human: "Feb. 29, 2016"},
		{in: "2017-02-29", err: "February 2017 has 28 days"},
		{in: "2016-13", err: "month must be 01 to 12"},
		{in: "2016-1-02", err: "want YYYY-MM-DD"},
		{in: "March 2, 2017", err: "want YYYY-MM-DD"},
		{in: "2016-01-01-01", err: "want YYYY-MM-DD"},
		{in: "", err: "want YYYY-MM-DD"},
		{in: "1066-10-14", err: "outside the years a timeline may cover, 1678 to 2261"},
		{in: "2262", err: "outside the years"},
		{in: "1678", want: "1678", human: "1678"},
		// spans
		{in: "2016-04-10/2016-06-02", want: "2016-04-10/2016-06-02", human: "April 10 – June 2, 2016"},
		{in: "2016-04/2016-06", want: "2016-04/2016-06", human: "April – June 2016"},
		{in: "2015/2017", want: "2015/2017", human: "2015 – 2017"},
		{in: "2016-12-20/2017-01-05", want: "2016-12-20/2017-01-05", human: "Dec. 20, 2016 – Jan. 5, 2017"},
		{in: "2016-05-02/2016-05", want: "2016-05-02/2016-05", human: "May 2 – May 2016"},
		{in: "2016-06/2016-04", err: "must end after it starts"},
		{in: "2016-04/2016-04", err: "must end after it starts"},
		{in: "2016-04/", err: "want YYYY-MM-DD"},
		{in: "2016-04/2016-13", err: "month must be 01 to 12"},
		{in: "2016/2017/2018", err: "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want || d.Human() != tt.human {
			t.Errorf("ParseDate(%q) = %s / %s, want %s / %s", tt.in, d, d.Human(), tt.want, tt.human)
		}
	}
}

func TestDateSpan(t *testing.T) {
	d, _ := ParseDate("2016-02")
	if got := d.End().Sub(d.Start()).Hours() / 24; got != 29 {
		t.Errorf("February 2016 spans %v days, want 29", got)
	}
	y, _ := ParseDate("2016")
	if !y.Overlaps(d.Start(), d.End()) {
		t.Error("2016 should overlap February 2016")
	}
	next, _ := ParseDate("2017-01-01")
	if y.Overlaps(next.Start(), next.End()) {
		t.Error("2016 should not overlap Jan. 1, 2017")
	}
	// A span from April to June is in May, and not in July.
	spring, _ := ParseDate("2016-04/2016-06")
	may, _ := ParseDate("2016-05")
	july, _ := ParseDate("2016-07")
	if !spring.Overlaps(may.Start(), may.End()) || spring.Overlaps(july.Start(), july.End()) {
		t.Errorf("April – June 2016 runs %v to %v", spring.Start(), spring.End())
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"bad date", `{"title":"T","source":{"name":"S"},"events":[
			{"dates":["2016-02-28"],"title":"a","text":"x"},
			{"id":"second","dates":["2016-03-03","2016-02-30"],"title":"b","text":"y"}]}`,
			[]string{"bad.json", `event 2 (id "second")`, "dates[1]", "February 2016 has 29 days"}},
		{"missing title", `{"title":"T","source":{"name":"S"},"events":[{"dates":["2016"],"text":"x"}]}`,
			[]string{"event 1", "title: is missing"}},
		{"no dates", `{"title":"T","source":{"name":"S"},"events":[{"title":"a","text":"x"}]}`,
			[]string{"event 1", "dates: has no dates"}},
		{"unknown field", `{"title":"T","source":{"name":"S"},"events":[{"date":["2016"],"title":"a","text":"x"}]}`,
			[]string{`event 1: date: is not a field of an event`}},
		{"unknown field in a quote", `{"title":"T","source":{"name":"S"},"events":[{"dates":["2016"],"title":"a","text":"x"},{"id":"b","dates":["2017"],"title":"b","text":"y","quotes":[{"by":"A","txt":"q"}]}]}`,
			[]string{`event 2 (id "b"): quotes[0].txt: is not a field`}},
		{"unknown top-level field", `{"titel":"T","source":{"name":"S"},"events":[{"dates":["2016"],"title":"a","text":"x"}]}`,
			[]string{`titel: is not a field of a timeline`}},
		{"wrong type", `{"title":"T","source":{"name":"S"},"events":[{"dates":"2016","title":"a","text":"x"}]}`,
			[]string{"line 1, column", "events.dates", "want a list, found string"}},
		{"syntax", "{\"title\":\"T\",\n\"events\": [}", []string{"line 2, column", "invalid JSON"}},
		{"duplicate id", `{"title":"T","source":{"name":"S"},"events":[
			{"id":"a","dates":["2016"],"title":"a","text":"x"},{"id":"a","dates":["2017"],"title":"b","text":"y"}]}`,
			[]string{`event 2 (id "a")`, "id: is already used by event 1"}},
		{"quote without speaker", `{"title":"T","source":{"name":"S"},"events":[{"dates":["2016"],"title":"a","text":"x","quotes":[{"text":"q"}]}]}`,
			[]string{"event 1", "quotes[0].by: is missing"}},
		{"dates out of order", `{"title":"T","source":{"name":"S"},"events":[{"dates":["2016-09-08","2016-07-18"],"title":"a","text":"x"}]}`,
			[]string{"event 1", "chronological"}},
		{"no events", `{"title":"T","source":{"name":"S"},"events":[]}`, []string{"events: has no events"}},
		{"empty", ``, []string{"empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.json")
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil {
				t.Fatal("Load accepted a bad timeline")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestFieldErrorIsReachable(t *testing.T) {
	_, err := Parse(strings.NewReader(`{"title":"T","source":{"name":"S"},"events":[{"dates":["2016"],"title":"","text":"x"}]}`))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Event != 0 || fe.Field != "title" {
		t.Fatalf("want a *FieldError for event 0 title, got %v", err)
	}
}

func TestDerivedIDsAreUnique(t *testing.T) {
	tl, err := Parse(strings.NewReader(`{"title":"T","source":{"name":"S"},"events":[
		{"dates":["2016-01-01"],"title":"Same — title!","text":"x"},
		{"dates":["2016-01-01"],"title":"Same title","text":"y"},
		{"dates":["2016-01-01"],"title":"José’s day","text":"z"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{tl.Events[0].ID, tl.Events[1].ID, tl.Events[2].ID}
	want := []string{"2016-01-01-same-title", "2016-01-01-same-title-2", "2016-01-01-joses-day"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ids = %q, want %q", got, want)
			break
		}
	}
}

// Any file is read without a panic, and what is accepted is a timeline:
// events, each with dates in order, sorted by their first date.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile("timeline.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"title":"T","source":{"name":"S"},"events":[{"dates":["2016-02","2016"],"title":"a","text":"x"}]}`))
	f.Add([]byte(`{"title":"T","source":{"name":"S"},"events":[{"tilte":"a"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tl, err := Parse(bytes.NewReader(raw))
		if err != nil {
			return
		}
		if len(tl.Events) == 0 {
			t.Fatal("accepted a timeline with no events")
		}
		for i, e := range tl.Events {
			if len(e.Dates) == 0 || e.ID == "" {
				t.Fatalf("event %d accepted without dates or id: %+v", i, e)
			}
			if i > 0 && e.First().Start().Before(tl.Events[i-1].First().Start()) {
				t.Fatalf("events out of order at %d", i)
			}
		}
	})
}

func TestSynonyms(t *testing.T) {
	tl, err := Parse(strings.NewReader(`{"title": "t", "source": {"name": "s"}, "synonyms": [["Forgemoot", " gathering ", "gathering"]],
		"events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"Forgemoot", "gathering"}}; !reflect.DeepEqual(tl.Synonyms, want) {
		t.Errorf("synonyms %q, want %q", tl.Synonyms, want)
	}
	_, err = Parse(strings.NewReader(`{"title": "t", "source": {"name": "s"}, "synonyms": [["alone", "alone"]],
		"events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`))
	if err == nil || !strings.Contains(err.Error(), "synonyms[0]: needs at least two") {
		t.Errorf("a group of one: %v, want an error naming synonyms[0]", err)
	}
}

// A span's derived id is an id: no slash.
func TestDerivedIDOfASpan(t *testing.T) {
	tl, err := Parse(strings.NewReader(`{"title": "t", "source": {"name": "s"},
		"events": [{"dates": ["2000/2002"], "title": "Restoration", "text": "b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := tl.Events[0].ID; got != "2000-2002-restoration" {
		t.Errorf("derived id %q", got)
	}
}

func TestExamples(t *testing.T) {
	tl, err := Parse(strings.NewReader(`{"title": "t", "source": {"name": "s"}, "examples": ["  when was   the vote? "],
		"events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"when was the vote?"}; !reflect.DeepEqual(tl.Examples, want) {
		t.Errorf("examples %q, want %q", tl.Examples, want)
	}
	_, err = Parse(strings.NewReader(`{"title": "t", "source": {"name": "s"}, "examples": ["ok", " "],
		"events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`))
	if err == nil || !strings.Contains(err.Error(), "examples[1]: is empty") {
		t.Errorf("an empty example: %v, want an error naming examples[1]", err)
	}
}

// Check lists every problem of a file, in the order they stand, each at
// its line and column (the column of the value's first character).
func TestCheckListsEveryProblem(t *testing.T) {
	raw := "{\"title\": \"T\", \"source\": {\"name\": \"S\"}, \"events\": [\n" +
		"  {\"dates\": [\"2016-02-30\"], \"title\": \"a\", \"text\": \"x\"},\n" +
		"  {\"id\": \"Bad Id\", \"dates\": [\"2016\"], \"title\": \"\", \"text\": \"y\", \"colour\": 1},\n" +
		"  {\"dates\": [], \"title\": \"c\", \"text\": \"z\"}\n]}"
	_, problems := Check([]byte(raw))
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, p.where()))
	}
	want := []string{
		`2:14 event 1: dates[0]: "2016-02-30" is not a date: February 2016 has 29 days`,
		`3:10 event 2 (id "Bad Id"): id: must be lowercase letters, digits, dashes, dots and underscores, at most 64 characters`,
		`3:48 event 2 (id "Bad Id"): title: is missing`,
		`3:65 event 2 (id "Bad Id"): colour: is not a field of an event or a quote (misspelt?)`,
		`4:13 event 3: dates: has no dates`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckFileShapes(t *testing.T) {
	ok := `{"title": "T", "source": {"name": "S"}, "events": [{"id": "v1.2.3_final", "dates": ["2016"], "title": "a", "text": "x"}]}`
	tests := []struct {
		name, raw, want string
	}{
		{"a byte-order mark", "\xEF\xBB\xBF" + ok, ""},
		{"ids with dots and underscores", ok, ""},
		{"an array", `[{"title": "T"}]`, "line 1, column 1: the file must be one JSON object with title, source and events"},
		{"a string", ` "timeline"`, "line 1, column 2: the file must be one JSON object"},
		{"a syntax error at column 1 of a line", "{\"title\": \"T\",\n}", "line 2, column 1: invalid JSON"},
		{"cut short", `{"title": "T", "events": [`, "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		_, problems := Check([]byte(tt.raw))
		switch {
		case tt.want == "" && len(problems) > 0:
			t.Errorf("%s: %v", tt.name, problems)
		case tt.want != "" && (len(problems) == 0 || !strings.Contains(problems[0].Error(), tt.want)):
			t.Errorf("%s: %v, want %q", tt.name, problems, tt.want)
		}
	}
}

// A value of the wrong type is placed where it starts; a field missing
// from the timeline itself, at its opening brace.
func TestCheckPlaces(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{`{"title": 12345, "source": {"name": "S"}, "events": [{"dates": ["2016"], "title": "a", "text": "x"}]}`, "line 1, column 11: title: want text in quotes"},
		{"\n\n  {\"source\": {\"name\": \"S\"}, \"events\": [{\"dates\": [\"2016\"], \"title\": \"a\", \"text\": \"x\"}]}", "line 3, column 3: title: is missing"},
		{"{\"title\": \"T\", \"source\": {\"name\": \"S\"}, \"events\": [{\"dates\": [\"2016\"], \"title\": \"a\", \"text\": \"x\"}]}\n{}", "line 2, column 1: unexpected data after the timeline object"},
		{`{"title": "T", "source": {"name": "S"}, "events": [{"dates": ["2016"], "title": "a", "text": "x",}]}`, "line 1, column 98: invalid JSON: invalid character '}'"},
	} {
		_, problems := Check([]byte(c.raw))
		if len(problems) == 0 || !strings.Contains(problems[0].Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.raw, problems, c.want)
		}
	}
}

// Field names are matched exactly: encoding/json folds case, the format
// does not.
func TestFieldNamesExact(t *testing.T) {
	for _, raw := range []string{
		`{"Title": "t", "source": {"name": "s"}, "events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`,
		`{"title": "t", "source": {"name": "s"}, "events": [{"DATES": ["2001"], "title": "a", "text": "b"}]}`,
	} {
		if _, problems := Check([]byte(raw)); len(problems) == 0 {
			t.Errorf("Check took %s", raw)
		}
	}
}

// Nanos agrees with Start and End for days, months, years and spans over
// every year a timeline may have.
func TestNanos(t *testing.T) {
	var dates []Date
	for year := MinYear; year <= MaxYear; year++ {
		m := time.Month(1 + year%12)
		dates = append(dates,
			Date{Year: year},
			Date{Year: year, Month: m},
			Date{Year: year, Month: time.December},
			Date{Year: year, Month: time.February, Day: daysIn(year, time.February)},
			Date{Year: year, Month: m, Day: 1 + year%28},
			Date{Year: year, Month: time.December, Day: 31},
			Date{Year: year, Month: m, EndYear: min(year+1, MaxYear), EndMonth: time.December},
			Date{Year: year, EndYear: min(year+3, MaxYear)},
		)
	}
	for _, d := range dates {
		start, end := d.Nanos()
		if start != d.Start().UnixNano() || end != d.End().UnixNano() {
			t.Fatalf("%v: Nanos %d, %d; Start and End %d, %d", d, start, end, d.Start().UnixNano(), d.End().UnixNano())
		}
	}
}

func TestDaysIn(t *testing.T) {
	for year := MinYear; year <= MaxYear; year++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(year, m), time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("%s %d: %d days, want %d", m, year, got, want)
			}
		}
	}
}
