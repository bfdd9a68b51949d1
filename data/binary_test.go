package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// binaryTimeline has every field the binary form carries, spans and
// several dates and quotes among them.
func binaryTimeline(t testing.TB) *Timeline {
	t.Helper()
	tl, err := Seed()
	if err != nil {
		t.Fatal(err)
	}
	tl.Synonyms = [][]string{{"Forgemoot", "gathering", "meetup"}, {"quay"}}
	tl.Examples = []string{"when did the quay open?", "how many entries in 1998?"}
	tl.Events = append(tl.Events, Event{
		ID:     "span-ü",
		Dates:  []Date{{Year: 2018, Month: time.April, Day: 10, EndYear: 2018, EndMonth: time.June}, {Year: 2019}},
		Title:  "Gänsemarkt works, «twice»",
		Text:   "First paragraph.\n\nSecond one.",
		Quotes: []Quote{{By: "A. Person", Text: "One."}, {By: "B. Person", Text: ""}},
	})
	return tl
}

func TestBinaryRoundTrip(t *testing.T) {
	for name, tl := range map[string]*Timeline{
		"every field": binaryTimeline(t),
		"fewest":      {Title: "T", Source: Source{Name: "S"}, Events: []Event{{ID: "a", Dates: []Date{{Year: 1999}}, Title: "x", Text: "y"}}},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeBinary(t, t.TempDir(), tl)
			got, err := MapBinary(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tl) {
				t.Errorf("read back:\n%+v\nwant\n%+v", got, tl)
			}
		})
	}
}

// A file cut short, or with bytes added or changed, is ErrBinary, never
// a panic or a timeline made of garbage.
func TestBinaryDamaged(t *testing.T) {
	var whole bytes.Buffer
	if err := WriteBinary(&whole, binaryTimeline(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	try := func(name string, b []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := MapBinary(path); !errors.Is(err, ErrBinary) {
			t.Errorf("%s: %v, want ErrBinary", name, err)
		}
	}
	b := whole.Bytes()
	for _, cut := range []int{len(binaryMagic), len(binaryMagic) + 1, len(b) / 2, len(b) - 1} {
		try("cut", b[:cut])
	}
	try("longer", append(bytes.Clone(b), 0))
	other := bytes.Clone(b)
	other[0] = 'T'
	try("magic", other)
	try("empty", nil)
	// Any byte changed is found, whatever it would have been read as.
	for i := len(binaryMagic); i < len(b); i += 7 {
		bad := bytes.Clone(b)
		bad[i] ^= 0x7e
		try("flipped", bad)
	}
}

// What a damaged file that still passed its checksum could hold is
// refused too: dates no timeline has, an event without a date, no
// events. Each would make the answers panic or lie.
func TestBinaryInvalid(t *testing.T) {
	dir := t.TempDir()
	for name, change := range map[string]func(tl *Timeline){
		"month 13":        func(tl *Timeline) { tl.Events[0].Dates[0].Month = 13 },
		"February 30":     func(tl *Timeline) { tl.Events[0].Dates[0] = Date{Year: 2017, Month: time.February, Day: 30} },
		"a day, no month": func(tl *Timeline) { tl.Events[0].Dates[0] = Date{Year: 2017, Day: 3} },
		"year 1500":       func(tl *Timeline) { tl.Events[0].Dates[0] = Date{Year: 1500} },
		"span backwards":  func(tl *Timeline) { tl.Events[0].Dates[0] = Date{Year: 2017, EndYear: 2016} },
		"one date twice":  func(tl *Timeline) { tl.Events[0].Dates[0] = Date{Year: 2017, EndYear: 2017} },
		"published":       func(tl *Timeline) { tl.Source.Published = &Date{Year: 2017, Month: 14} },
		"no date":         func(tl *Timeline) { tl.Events[0].Dates = nil },
		"no events":       func(tl *Timeline) { tl.Events = nil },
	} {
		tl := binaryTimeline(t)
		change(tl)
		if _, err := MapBinary(writeBinary(t, dir, tl)); !errors.Is(err, ErrBinary) {
			t.Errorf("%s: %v, want ErrBinary", name, err)
		}
	}
}

// The binary form of a big timeline is written and mapped back:
// go test -run XXX -bench Binary -benchmem ./data
func BenchmarkMapBinary(b *testing.B) {
	raw := bigTimeline(100_000)
	tl, problems := Check(raw)
	if len(problems) > 0 {
		b.Fatal(problems[0])
	}
	path := writeBinary(b, b.TempDir(), tl)
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	for b.Loop() {
		if _, err := MapBinary(path); err != nil {
			b.Fatal(err)
		}
	}
}

func writeBinary(t testing.TB, dir string, tl *Timeline) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteBinary(&b, tl); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "timeline.bin")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
