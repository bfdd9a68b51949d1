package formats

import (
	"strings"
	"testing"
)

// TestMarkdownMadeUp reads an invented document: emphasis and links read
// as their text, datelines in headings, in bold paragraphs and in list
// items, a hard line break, an escaped colon that keeps a paragraph from
// being an entry, entities, the timelinebot comments, and the things left
// out: an image, a code block, raw HTML, a rule, undated headings.
func TestMarkdownMadeUp(t *testing.T) {
	got, rep := importFile(t, "testdata/markdown_garden.md", Markdown, Options{})
	checkWant(t, got, "testdata/markdown_garden.want.json")
	wantSkipped(t, rep, 7, `the image "The first beds" (beds.jpg)`, "no pictures")
	wantSkipped(t, rep, 9, `the heading "Background"`, "before the entries")
	wantSkipped(t, rep, 25, "a code block", "code")
	wantSkipped(t, rep, 40, "<div>raw html block</div>", "raw HTML")
	wantSkipped(t, rep, 42, "a rule", "no text")
	wantSkipped(t, rep, 44, `the heading "Later plans"`, "ends event 4")
	wantSkipped(t, rep, 46, `"Nothing is dated yet."`, "outside any entry")
	if rep.Events != 4 {
		t.Errorf("report: %d events, want 4", rep.Events)
	}
}

func TestMarkdownErrors(t *testing.T) {
	wantErrors(t, importErrors(t, "testdata/markdown_errors.md", Markdown),
		`line 3: event 1 ("Not a leap year"): dates[0]: "Feb. 29, 2015" is not a date: February 2015 has 28 days`,
		`line 11: timelinebot comment: not the JSON of a timelinebot comment: json: cannot unmarshal string into Go struct field proseMeta.quotes of type []data.Quote`)
}

// TestMarkdownOfArticle: the seed article written as Markdown, with the
// entries as headings, reads as the article does.
func TestMarkdownOfArticle(t *testing.T) {
	art, _ := importFile(t, "testdata/article.txt", Article, Options{Source: "ABC News"})
	var md strings.Builder
	lines := strings.Split(mustRead(t, "testdata/article.txt"), "\n")
	md.WriteString("# " + lines[0] + "\n")
	for _, l := range lines[1:] {
		if _, ok := parseHead(pline{pieces: []piece{{raw: l, text: l}}}); ok {
			l = "## " + l
		}
		md.WriteString(l + "\n")
	}
	got, _ := importString(t, md.String(), Markdown, Options{Source: "ABC News"})
	// The share buttons are one paragraph in Markdown; the rest is alike.
	for _, d := range diffTimelines(got, art, nil) {
		t.Error(d)
	}
}
