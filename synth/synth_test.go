package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// small is the size the tests use: several chunks, a fraction of a
// second under -race.
var small = Options{Events: 2000, Seed: 42}

// TestWriteParsesToGenerate checks that the file Write streams is the
// timeline Generate builds, as the project reads it.
func TestWriteParsesToGenerate(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, small); err != nil {
		t.Fatal(err)
	}
	got, err := data.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := Generate(small)
	if len(got.Events) != small.Events {
		t.Fatalf("parsed %d events, want %d", len(got.Events), small.Events)
	}
	for i := range want.Events {
		if !reflect.DeepEqual(got.Events[i], want.Events[i]) {
			t.Fatalf("event %d:\nparsed    %+v\ngenerated %+v", i, got.Events[i], want.Events[i])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("timelines differ outside their events:\nparsed    %+v %+v\ngenerated %+v %+v", got.Title, got.Source, want.Title, want.Source)
	}
}

// TestDeterministic checks that the seed alone decides the bytes: the
// same options give the same file, at any GOMAXPROCS; another seed or
// other years give another.
func TestDeterministic(t *testing.T) {
	write := func(o Options) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := Write(&buf, o); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a := write(small)
	if b := write(small); !bytes.Equal(a, b) {
		t.Fatal("the same options wrote different bytes")
	}
	prev := runtime.GOMAXPROCS(1)
	one := write(small)
	serial := Generate(small)
	runtime.GOMAXPROCS(prev)
	if !bytes.Equal(a, one) {
		t.Fatal("GOMAXPROCS changed the bytes")
	}
	if !reflect.DeepEqual(serial, Generate(small)) {
		t.Fatal("GOMAXPROCS changed the timeline")
	}
	// Other options, at a size that keeps the test quick under -race.
	few := Options{Events: 50, Seed: small.Seed}
	base := write(few)
	other := few
	other.Seed++
	if bytes.Equal(base, write(other)) {
		t.Fatal("another seed wrote the same bytes")
	}
	years := few
	years.From, years.To = 2001, 2003
	if bytes.Equal(base, write(years)) {
		t.Fatal("other years wrote the same bytes")
	}
}

// TestAppendString checks the hand-written JSON strings against the
// standard decoder, on what the generator never writes as well.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", "two\n\nparagraphs", "a \"quote\" and \\ backslash", "tab\tcr\r\x00\x1f", "José – “curly” \u2028"} {
		var got string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil || got != s {
			t.Errorf("appendString(%q) = %s, decoded %q, %v", s, appendString(nil, s), got, err)
		}
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// TestEntries checks the shape of the entries: what the package promises
// and what data.Check wants.
func TestEntries(t *testing.T) {
	tl := Generate(small)
	seen := map[string]bool{}
	var quoted, months, seconds int
	quoters := map[string]bool{}
	for i, e := range tl.Events {
		if len(e.ID) > data.MaxIDLength || !idPattern.MatchString(e.ID) || seen[e.ID] {
			t.Fatalf("event %d: id %q is not a unique valid id", i, e.ID)
		}
		seen[e.ID] = true
		if n := len(strings.Fields(e.Text)); n < 40 || n > 120 {
			t.Errorf("event %s: %d words of text, want 40 to 120: %q", e.ID, n, e.Text)
		}
		if n := len(strings.Fields(e.Title)); n < 4 || n > 10 {
			t.Errorf("event %s: %d words of title, want 4 to 10: %q", e.ID, n, e.Title)
		}
		for _, w := range []string{" and ", " to ", " until ", " till "} {
			if strings.Contains(" "+e.Title+" ", w) {
				t.Errorf("event %s: title %q has %q, which would split a question about it", e.ID, e.Title, w)
			}
		}
		for _, s := range []string{e.ID, e.Title, e.Text} {
			if s != strings.TrimSpace(s) || strings.Contains(s, "  ") || strings.Contains(s, "\n\n\n") {
				t.Errorf("event %s: stray spaces in %q", e.ID, s)
			}
		}
		for _, p := range strings.Split(e.Text, "\n\n") {
			if p == "" || strings.Contains(p, "\n") || !strings.HasSuffix(p, ".") {
				t.Errorf("event %s: paragraph %q", e.ID, p)
			}
		}
		switch len(e.Dates) {
		case 1:
		case 2:
			seconds++
			if !e.Dates[1].Start().After(e.Dates[0].Start()) {
				t.Errorf("event %s: second date %s is not after the first %s", e.ID, e.Dates[1], e.Dates[0])
			}
		default:
			t.Errorf("event %s: %d dates", e.ID, len(e.Dates))
		}
		for _, d := range e.Dates {
			if d.Year < DefaultFrom || d.Year > DefaultTo || d.Month == 0 || d.IsSpan() {
				t.Errorf("event %s: date %s", e.ID, d)
			}
			if _, err := data.ParseDate(d.String()); err != nil {
				t.Errorf("event %s: %v", e.ID, err)
			}
			if d.Day == 0 {
				months++
			}
		}
		if i > 0 && e.First().Start().Before(tl.Events[i-1].First().Start()) {
			t.Errorf("event %s (%s) comes before the one before it (%s)", e.ID, e.First(), tl.Events[i-1].First())
		}
		if len(e.Quotes) > 1 {
			t.Errorf("event %s: %d quotes", e.ID, len(e.Quotes))
		}
		for _, q := range e.Quotes {
			quoted++
			quoters[q.By] = true
			if len(strings.Fields(q.By)) != 2 || q.Text == "" || !strings.HasSuffix(q.Text, ".") {
				t.Errorf("event %s: quote %+v", e.ID, q)
			}
		}
	}
	n := float64(len(tl.Events))
	if share := float64(quoted) / n; share < 0.28 || share > 0.39 {
		t.Errorf("%.2f of entries have a quote, want about a third", share)
	}
	if share := float64(seconds) / n; share < 0.1 || share > 0.3 {
		t.Errorf("%.2f of entries have two dates, want about a fifth", share)
	}
	if share := float64(months) / n; share < 0.05 || share > 0.25 {
		t.Errorf("%.2f of dates are months, want some", share)
	}
	if len(quoters) < 100 || len(quoters) > people {
		t.Errorf("%d people quoted, want a few hundred at most", len(quoters))
	}
}

// TestZipf checks that the words are Zipf-like: a few thousand of them, a
// handful very frequent, most rare.
func TestZipf(t *testing.T) {
	counts := map[string]int{}
	total := 0
	for _, e := range Generate(small).Events {
		for _, w := range strings.Fields(strings.ToLower(e.Text)) {
			counts[strings.Trim(w, ".,")]++
			total++
		}
	}
	freq := make([]int, 0, len(counts))
	for _, c := range counts {
		freq = append(freq, c)
	}
	slices.Sort(freq)
	slices.Reverse(freq)
	if len(freq) < 2000 {
		t.Errorf("%d different words, want a few thousand", len(freq))
	}
	if top := float64(freq[0]) / float64(total); top < 0.02 || top > 0.15 {
		t.Errorf("the commonest word is %.3f of the text, want a few percent", top)
	}
	// Zipf: frequency falls about as 1/rank.
	for _, r := range []int{10, 100, 1000} {
		if ratio := float64(freq[0]) / float64(freq[r-1]); ratio < float64(r)/5 || ratio > float64(r)*5 {
			t.Errorf("the commonest word is %.1f times as frequent as the %dth, want about %d", ratio, r, r)
		}
	}
}

func TestOptions(t *testing.T) {
	tl := Generate(Options{})
	if len(tl.Events) != DefaultEvents {
		t.Errorf("%d events by default, want %d", len(tl.Events), DefaultEvents)
	}
	if first, last := tl.Events[0].First().Year, tl.Events[len(tl.Events)-1].First().Year; first != DefaultFrom || last != DefaultTo {
		t.Errorf("default years %d to %d, want %d to %d", first, last, DefaultFrom, DefaultTo)
	}
	for _, e := range Generate(Options{Events: 3000, Seed: 7, From: 2016, To: 2016}).Events {
		for _, d := range e.Dates {
			if d.Year != 2016 {
				t.Fatalf("event %s: date %s outside 2016", e.ID, d)
			}
		}
	}
	// One entry is a valid timeline too.
	var buf bytes.Buffer
	if err := Write(&buf, Options{Events: 1}); err != nil {
		t.Fatal(err)
	}
	if tl, err := data.Parse(&buf); err != nil || len(tl.Events) != 1 {
		t.Fatalf("one entry: %v", err)
	}
}

// TestQuestions checks that every kind is asked and that every date and
// title a question names is in the timeline.
func TestQuestions(t *testing.T) {
	tl := Generate(small)
	qs := Questions(tl, 140, 9)
	if len(qs) != 140 {
		t.Fatalf("%d questions, want 140", len(qs))
	}
	if !reflect.DeepEqual(qs, Questions(tl, 140, 9)) {
		t.Error("the same seed gave other questions")
	}
	if reflect.DeepEqual(qs, Questions(tl, 140, 10)) {
		t.Error("another seed gave the same questions")
	}

	titles := map[string]bool{}
	whens := map[string]bool{}
	days := map[string]data.Date{}
	firsts := map[string]data.Date{}
	months := map[string]bool{}
	years := map[string]bool{}
	for _, e := range tl.Events {
		titles[e.Title] = true
		whens[askWhen(e.Title)] = true
		firsts[e.First().Human()] = e.First()
		years[strconv.Itoa(e.First().Year)] = true
		for _, d := range e.Dates {
			if d.Day != 0 {
				days[d.Human()] = d
			}
			months[fmt.Sprintf("%s %d", d.Month, d.Year)] = true
		}
	}
	inTitle := func(words []string) bool {
		for title := range titles {
			if all(words, strings.Fields(title)) {
				return true
			}
		}
		return false
	}

	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
		inner := func(prefix string) string {
			if !strings.HasPrefix(q.Text, prefix) || !strings.HasSuffix(q.Text, "?") {
				t.Errorf("%s question %q does not read %q...?", q.Kind, q.Text, prefix)
				return ""
			}
			return strings.TrimSuffix(strings.TrimPrefix(q.Text, prefix), "?")
		}
		ok := false
		switch q.Kind {
		case Keyword:
			words := strings.Fields(q.Text)
			ok = len(words) >= 1 && len(words) <= 3 && inTitle(words)
		case When:
			ok = whens[q.Text]
		case OnDate:
			_, ok = days[inner("what happened on ")]
		case InMonth:
			ok = months[inner("what happened in ")]
		case Between:
			for a, rest := range splits(inner("what happened between ")) {
				if da, okA := firsts[a]; okA {
					if db, okB := firsts[rest]; okB && !db.Start().Before(da.End()) {
						ok = true
					}
				}
			}
		case Count:
			ok = years[inner("how many entries in ")]
		case Duration:
			for a, b := range splits(inner("how long between ")) {
				ok = ok || titles[a] && titles[b]
			}
		default:
			t.Errorf("question %q of no kind %q", q.Text, q.Kind)
		}
		if !ok {
			t.Errorf("%s question %q names what the timeline does not have", q.Kind, q.Text)
		}
	}
	for _, k := range Kinds() {
		if kinds[k] != len(qs)/len(Kinds()) {
			t.Errorf("%d questions of kind %s, want %d", kinds[k], k, len(qs)/len(Kinds()))
		}
	}

	// Any timeline will do, the project's own among them.
	seed, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range Questions(seed, 14, 1) {
		if q.Text == "" || q.Text == "?" {
			t.Errorf("empty %s question of the built-in timeline", q.Kind)
		}
	}
	if Questions(tl, 0, 1) != nil {
		t.Error("questions for n = 0")
	}
}

// askWhen is the "when" question of a headline, worked out apart from
// the package's: the first headline verb in its base form.
func askWhen(title string) string {
	words := strings.Fields(title)
	for i, w := range words {
		for _, v := range verbs {
			if w == v[0] {
				words[i] = v[1]
				return "when did " + strings.Join(words, " ") + "?"
			}
		}
	}
	return ""
}

// splits are the ways s divides at " and ".
func splits(s string) func(yield func(a, b string) bool) {
	return func(yield func(a, b string) bool) {
		for i := 0; ; {
			j := strings.Index(s[i:], " and ")
			if j < 0 {
				return
			}
			if !yield(s[:i+j], s[i+j+len(" and "):]) {
				return
			}
			i += j + 1
		}
	}
}

func all(words, in []string) bool {
	for _, w := range words {
		if !slices.Contains(in, w) {
			return false
		}
	}
	return true
}

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				Generate(Options{Events: n, Seed: 1})
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var w countWriter
			for b.Loop() {
				if err := Write(&w, Options{Events: n, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(w.n)/float64(b.N)/float64(n), "bytes/event")
		})
	}
}

func BenchmarkQuestions(b *testing.B) {
	tl := Generate(Options{Events: 10_000, Seed: 1})
	for b.Loop() {
		Questions(tl, 700, 1)
	}
}

// countWriter is io.Discard that counts.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
