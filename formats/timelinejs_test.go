package formats

import (
	"strings"
	"testing"
)

// TestTimelineJSMadeUp reads invented TimelineJS3 JSON: years, months and
// days as numbers and as strings, an end date making a span, HTML turned to
// text, a display_date listing two dates, a valid and an invalid
// unique_id, and what is reported: media, groups, a background, a time of
// day, an era, an unknown field, a display_date that is not the dates.
func TestTimelineJSMadeUp(t *testing.T) {
	got, rep := importFile(t, "testdata/timelinejs_rail.json", TimelineJS, Options{})
	checkWant(t, got, "testdata/timelinejs_rail.want.json")
	wantSkipped(t, rep, 2, "the media of the title slide (https://example.org/cover.jpg)", "no media")
	wantSkipped(t, rep, 11, `the group "Construction" (2 events)`, "no groups")
	wantSkipped(t, rep, 20, "<img> in the text of event 2", "not text")
	wantSkipped(t, rep, 20, "the media of event 2", "no media")
	wantSkipped(t, rep, 20, `the id "Viaduct Works!" of event 2`, "derived")
	wantSkipped(t, rep, 28, "the time of day of 1 date", "days")
	wantSkipped(t, rep, 33, `the display_date "Some time in the late 1880s"`, "keeps its start_date")
	wantSkipped(t, rep, 33, "the background of event 4", "no backgrounds")
	wantSkipped(t, rep, 33, `the field "colour" of event 4`, "not a TimelineJS slide field")
	wantSkipped(t, rep, 33, "the text of event 4", "the headline stands in")
	wantSkipped(t, rep, 42, `the era "The steam years"`, "no eras")
}

func TestTimelineJSErrors(t *testing.T) {
	wantErrors(t, importErrors(t, "testdata/timelinejs_errors.json", TimelineJS),
		`line 4: event 1 ("No date at all"): start_date: is missing: a slide needs a date`,
		`line 7: event 2 ("A thirteenth month"): dates[0]: "1900-13" is not a date: month must be 01 to 12`,
		`line 11: event 3 ("A day without a month"): start_date: has a day (3) but no month`,
		`line 17: event 4: text.headline: want string, found number`)

	errs := importErrorsString(t, "{\n  \"events\": [\n    {\"start_date\": {\"year\": 2016}}\n  ,]\n}", TimelineJS)
	if len(errs) != 1 || errs[0].Line != 4 || !strings.Contains(errs[0].Msg, "not JSON") {
		t.Errorf("syntax error: %v", errs)
	}
	errs = importErrorsString(t, `{"events": [{"start_date": {"year": "MMXVI"}, "text": {"headline": "Roman"}}]}`, TimelineJS)
	if len(errs) == 0 || !strings.Contains(errs[len(errs)-1].Error(), `event 1 ("Roman"): start_date: year MMXVI is not a whole number`) {
		t.Errorf("errors %v", errs)
	}
}

func TestHTMLText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"<p>One</p><p>Two<br>lines</p>", "One\n\nTwo\nlines"},
		{"A &amp; B &mdash; &#8220;C&#8221;", "A & B — “C”"},
		{"<div><h2>Head</h2>body <a href='x'>link</a></div>", "Head\n\nbody link"},
		{"<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"text<script>alert(1)</script> more", "text more"},
		{"no&nbsp;break", "no\u00a0break"},
		{"<p>  </p><p>x</p>", "x"},
	} {
		if got, _ := htmlText(c.in); got != c.want {
			t.Errorf("htmlText(%q) = %q, want %q", c.in, got, c.want)
		}
		if back, _ := htmlText(textHTML(c.want)); back != c.want {
			t.Errorf("htmlText(textHTML(%q)) = %q", c.want, back)
		}
	}
}
