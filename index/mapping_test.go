package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/timelinebot/timelinebot/data"
)

// The documents are built by hand, and queries read the mapping: each
// field of a document must be indexed as the mapping says, or a query
// would analyze its words or dates differently from the index.
func TestDocumentsAgreeWithTheMapping(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	e := data.Event{
		ID: "e1", Title: "Ferry leaves", Text: "The ferry left at dawn.",
		Dates:  []data.Date{{Year: 2001, Month: 2, Day: 3}, {Year: 2001, Month: 2}},
		Quotes: []data.Quote{{By: "Ada Quill", Text: "We sail."}, {By: "Bo Rask", Text: "Late again."}},
	}
	text := m.AnalyzerNamed(m.AnalyzerNameForPath(fieldText))
	id := m.AnalyzerNamed(m.AnalyzerNameForPath(fieldID))
	doc, err := documentOf(&e, 7, text, id)
	if err != nil {
		t.Fatal(err)
	}
	event := m.(*mapping.IndexMappingImpl).TypeMapping["event"]
	seen := map[string]int{}
	doc.VisitFields(func(f bleveindex.Field) {
		seen[f.Name()]++
		fm := fieldMapping(event, f.Name())
		if fm == nil {
			t.Errorf("field %q is not in the mapping", f.Name())
			return
		}
		if f.Options() != fm.Options() {
			t.Errorf("field %q indexed with %v, the mapping says %v", f.Name(), f.Options(), fm.Options())
		}
		if tf, ok := f.(*document.TextField); ok && fm.Type != "text" {
			t.Errorf("field %q is text, the mapping says %s (%v)", f.Name(), fm.Type, tf)
		}
	})
	want := map[string]int{fieldID: 1, fieldTitle: 1, fieldText: 1, fieldQuoteText: 2, fieldQuoteBy: 2, fieldDates: 2, fieldPos: 1}
	for name, n := range want {
		if seen[name] != n {
			t.Errorf("%d %q fields, want %d", seen[name], name, n)
		}
	}
}

// fieldMapping is the mapping of a dotted field path under dm.
func fieldMapping(dm *mapping.DocumentMapping, path string) *mapping.FieldMapping {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		if dm = dm.Properties[p]; dm == nil {
			return nil
		}
	}
	fields := dm.Properties[parts[len(parts)-1]]
	if fields == nil || len(fields.Fields) != 1 {
		return nil
	}
	return fields.Fields[0]
}

// A hit's document id is read back as the event's position; anything
// else is no position.
func TestPosKey(t *testing.T) {
	for _, pos := range []int{0, 1, 255, 999_999, 1<<32 - 1} {
		if got, ok := posOf(posKey(pos)); !ok || got != pos {
			t.Errorf("posOf(posKey(%d)) = %d, %v", pos, got, ok)
		}
	}
	for _, key := range []string{"", "e1", "0000000g", "000000001", "2017-03-02-recusal"} {
		if _, ok := posOf(key); ok {
			t.Errorf("posOf(%q) is a position", key)
		}
	}
}
