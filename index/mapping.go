package index

import (
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/timelinebot/timelinebot/data"
)

// Field names in the index. Keyword searches read the text fields; date
// lookups read dates; chronological order comes from pos.
const (
	fieldID        = "id"
	fieldTitle     = "title"
	fieldText      = "text"
	fieldQuoteText = "quotes.text"
	fieldQuoteBy   = "quotes.by"
	fieldDates     = "dates"
	fieldPos       = "pos"
)

// fieldOptions are how each field is indexed, as the mapping below says:
// the text fields with the term locations highlighting reads, the dates
// for ranges, pos with the doc values sorting reads.
const (
	textOptions = bleveindex.IndexField | bleveindex.IncludeTermVectors
	idOptions   = bleveindex.IndexField
	dateOptions = bleveindex.IndexField
	posOptions  = bleveindex.IndexField | bleveindex.DocValues
)

// documentOf is the document the index keeps for the event at pos: its
// words and its dates. The event itself stays in the timeline; the index
// only finds it. It is built field by field, as the mapping would build it
// from a struct, without the mapping's reflection: a big timeline spent a
// sixth of its build walking structs.
func documentOf(e *data.Event, pos int, analyzer, keyword analysis.Analyzer) (*document.Document, error) {
	// The document's id is its position, which a hit is read back as
	// without a map from events' ids (a second of a restart at a million
	// entries); the event's id is a field.
	d := document.NewDocument(posKey(pos))
	d.AddField(document.NewTextFieldCustom(fieldID, nil, []byte(e.ID), idOptions, keyword))
	d.AddField(document.NewTextFieldCustom(fieldTitle, nil, []byte(e.Title), textOptions, analyzer))
	d.AddField(document.NewTextFieldCustom(fieldText, nil, []byte(e.Text), textOptions, analyzer))
	for i, q := range e.Quotes {
		at := []uint64{uint64(i)}
		d.AddField(document.NewTextFieldCustom(fieldQuoteText, at, []byte(q.Text), textOptions, analyzer))
		d.AddField(document.NewTextFieldCustom(fieldQuoteBy, at, []byte(q.By), textOptions, analyzer))
	}
	for i, date := range e.Dates {
		f, err := document.NewDateTimeFieldWithIndexingOptions(fieldDates, []uint64{uint64(i)}, date.Start(), time.RFC3339, dateOptions)
		if err != nil {
			return nil, fmt.Errorf("index event %q: date %s: %w", e.ID, date, err)
		}
		d.AddField(f)
	}
	d.AddField(document.NewTextFieldCustom(fieldPos, nil, []byte(posKey(pos)), posOptions, keyword))
	d.SetIndexed()
	return d, nil
}

// posKey is an event's position as one term that sorts as the number
// does. A numeric field keeps sixteen terms a value, one per precision
// step, and sorting decoded all sixteen for every candidate of a search.
func posKey(pos int) string { return fmt.Sprintf("%08x", pos) }

// posOf reads a posKey back, false for anything else.
func posOf(key string) (int, bool) {
	if len(key) != 8 {
		return 0, false
	}
	pos, err := strconv.ParseUint(key, 16, 32)
	return int(pos), err == nil
}

// newMapping is the explicit index mapping: English analysis (possessives,
// stop words, stemming) for the words people search, a datetime field for
// every date of an event, keyword and numeric fields for exact lookups and
// ordering. Nothing is mapped dynamically, so a new field in the timeline
// format is a decision here, not an accident.
func newMapping() (mapping.IndexMapping, error) {
	english := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store = false
		f.IncludeTermVectors = true // term locations drive highlighting
		// Only pos is sorted on; doc values of every word of every
		// field were written and never read.
		f.DocValues = false
		// Nothing queries bleve's catch-all _all field: indexing each
		// word into it again doubled the build's work.
		f.IncludeInAll = false
		return f
	}
	id := bleve.NewKeywordFieldMapping()
	id.Analyzer = keyword.Name
	id.Store = false
	id.IncludeInAll = false
	id.IncludeTermVectors = false
	id.DocValues = false

	dates := bleve.NewDateTimeFieldMapping()
	dates.Store = false
	dates.IncludeInAll = false
	dates.DocValues = false

	pos := bleve.NewKeywordFieldMapping()
	pos.Analyzer = keyword.Name
	pos.IncludeTermVectors = false
	pos.Store = false
	pos.DocValues = true // sorting by pos reads doc values
	pos.IncludeInAll = false

	quote := bleve.NewDocumentStaticMapping()
	quote.AddFieldMappingsAt("text", english())
	quote.AddFieldMappingsAt("by", english())

	event := bleve.NewDocumentStaticMapping()
	event.AddFieldMappingsAt(fieldID, id)
	event.AddFieldMappingsAt(fieldTitle, english())
	event.AddFieldMappingsAt(fieldText, english())
	event.AddFieldMappingsAt(fieldDates, dates)
	event.AddFieldMappingsAt(fieldPos, pos)
	event.AddSubDocumentMapping("quotes", quote)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.AddDocumentMapping("event", event)
	if err := addAnalyzer(m); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	m.DefaultAnalyzer = analyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.ScoringModel = bleveindex.BM25Scoring
	return m, nil
}
