package index

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
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

// document is what the index stores for an event: its words and its dates.
// The event itself stays in the timeline; the index only finds it.
type document struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Text   string      `json:"text"`
	Quotes []quoteDoc  `json:"quotes"`
	Dates  []time.Time `json:"dates"`
	Pos    int         `json:"pos"`
}

type quoteDoc struct {
	By   string `json:"by"`
	Text string `json:"text"`
}

func newDocument(e *data.Event, pos int) document {
	d := document{ID: e.ID, Title: e.Title, Text: e.Text, Pos: pos}
	for _, q := range e.Quotes {
		d.Quotes = append(d.Quotes, quoteDoc{By: q.By, Text: q.Text})
	}
	for _, date := range e.Dates {
		d.Dates = append(d.Dates, date.Start())
	}
	return d
}

// BleveType names the document type so the mapping applies to every event.
func (document) BleveType() string { return "event" }

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
		// Nothing queries bleve's catch-all _all field: indexing each
		// word into it again doubled the build's work.
		f.IncludeInAll = false
		return f
	}
	id := bleve.NewKeywordFieldMapping()
	id.Analyzer = keyword.Name
	id.Store = false
	id.IncludeInAll = false

	dates := bleve.NewDateTimeFieldMapping()
	dates.Store = false
	dates.IncludeInAll = false

	pos := bleve.NewNumericFieldMapping()
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
