package data

import (
	"fmt"
	"strings"
	"testing"
)

// knownKeysOnly lets a valid file skip locating every value; it must
// never pass a file in which locate finds a field the format lacks.
func TestKnownKeysOnlyAgreesWithLocate(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		want      bool
	}{
		{"all known", `{"title":"T","source":{"name":"S","url":"u"},"events":[{"id":"a","dates":["2016"],"title":"a","text":"x \" } , ] {","quotes":[{"by":"B","text":"q"}]}],"synonyms":[["a","b"]],"examples":["q?"]}`, true},
		{"white space everywhere", "{ \"title\" : \"T\" ,\n\t\"events\" : [ { \"dates\" : [ \"2016\" ] , \"title\" : \"a\" } ] , \"lede\" : null }", true},
		{"numbers and literals", `{"title":1.5e3,"events":[{"title":true,"text":false,"dates":[null,-2]}]}`, true},
		{"unknown at the top", `{"titel":"T"}`, false},
		{"unknown in the source", `{"source":{"nam":"S"}}`, false},
		{"unknown in an event", `{"events":[{"title":"a"},{"date":["2016"]}]}`, false},
		{"unknown in a quote", `{"events":[{"quotes":[{"by":"A","txt":"q"}]}]}`, false},
		{"a known name in other case", `{"Title":"T"}`, false},
		{"in other case in an event", `{"events":[{"DATES":["2001"]}]}`, false},
		{"an escaped key", `{"titl\u0065":"T"}`, false},
		{"an object where text goes", `{"title":{"anything":1}}`, true},
		{"an empty object and list", `{"source":{},"events":[]}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := knownKeysOnly([]byte(tc.raw)); got != tc.want {
				t.Errorf("knownKeysOnly = %v, want %v", got, tc.want)
			}
			loc, err := locate([]byte(tc.raw))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want && len(loc.unknown) > 0 {
				t.Errorf("passed, but locate finds %v", loc.unknown)
			}
		})
	}
}

// BenchmarkCheck reads and validates a timeline of 10,000 events:
// go test -run XXX -bench Check -benchmem ./data
func BenchmarkCheck(b *testing.B) {
	raw := bigTimeline(10_000)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, problems := Check(raw); len(problems) > 0 {
			b.Fatal(problems[0])
		}
	}
}

// bigTimeline is a valid timeline file of n made-up events.
func bigTimeline(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"title":"Made up","source":{"name":"Nobody"},"events":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"e%d","dates":["%d-03-04"],"title":"The mill at Orrin opens its %dth gate","text":"Workers of the mill gathered at dawn, and the foreman spoke of the river, the weather and the price of grain for a while.","quotes":[{"by":"Ada Quill","text":"We open on time, rain or shine."}]}`, i, 1900+i%100, i)
	}
	b.WriteString("]}")
	return []byte(b.String())
}
