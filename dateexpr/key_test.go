package dateexpr

import (
	"testing"
	"time"
)

// A span kept as a key reads back as the same span, for every form a
// date lookup makes: a day, a month, a year, ranges of each and of mixed
// precision, a season across a new year.
func TestKeyRoundTrip(t *testing.T) {
	var r Reader
	for _, c := range []struct{ text, key string }{
		{"March 2, 2017", "2017-03-02"},
		{"March 2016", "2016-03"},
		{"2016", "2016"},
		{"June 5-6, 2017", "2017-06-05/2017-06-06"},
		{"between March and June 2017", "2017-03/2017-06"},
		{"from June 5, 2017 to 2018", "2017-06-05/2018"},
		{"winter 2016", "2016-12/2017-02"},
	} {
		s, err := r.Parse(c.text)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.text, err)
			continue
		}
		key, ok := s.Key()
		if !ok || key != c.key {
			t.Errorf("%q: key %q %v, want %q", c.text, key, ok, c.key)
			continue
		}
		back, err := ParseKey(key)
		if err != nil || back != s {
			t.Errorf("ParseKey(%q) = %+v, %v; want %+v", key, back, err, s)
		}
	}
}

func TestKeyRefusals(t *testing.T) {
	// Mid-month at month precision: no date form writes it exactly.
	odd := Span{Start: time.Date(2016, 3, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2016, 4, 15, 0, 0, 0, 0, time.UTC), Precision: Month}
	if key, ok := odd.Key(); ok {
		t.Errorf("odd span has key %q", key)
	}
	for _, bad := range []string{"", "March 2016", "2016/2015", "2016-13", "2016-02-30", "2016/", "2016-01/x"} {
		if s, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) = %+v, want an error", bad, s)
		}
	}
}
