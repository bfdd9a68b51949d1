// Package index finds the events of a timeline: by keywords, ranked, with
// the places the words matched, and by date, in chronological order. It is
// a bleve (scorch) index over the events; callers see only this small API.
package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/timelinebot/timelinebot/data"
)

const (
	// batchSize bounds the memory a build holds before handing it to scorch.
	batchSize = 1000
	// maxBatchSize bounds a batch of a very big timeline.
	maxBatchSize = 5000
	// maxQueryTokens caps the words one search looks for, so a pasted essay
	// costs no more than a long question.
	maxQueryTokens = 32
	// maxTermSearchers caps the term searchers one query may open, fuzzy
	// expansions included, so no query can fan out without bound.
	maxTermSearchers = 4096
	// rankPool is the most events a MostWordsFirst query ranks: the best
	// by bleve's own score, among which the ones that match the most of
	// the query's information are put first.
	rankPool = 1000
	// DefaultTimeout is how long a search may run before it is abandoned.
	DefaultTimeout = 2 * time.Second
)

// Weights of the fields a keyword search reads. A match in an event's title
// says more about the event than one in its text; a speaker's name says
// who was quoted, which is weaker evidence of what the event is about
// than the same name in the story ("Jeff Sessions" is quoted in many).
var searchFields = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 3},
	{fieldText, 1},
	{fieldQuoteText, 1},
	{fieldQuoteBy, 0.5},
}

const (
	fuzzyWeight      = 0.5 // a word typed with a slip counts half
	paraphraseWeight = 0.5 // a word the reader did not type counts half
	phraseWeight     = 2   // the words typed, side by side, count double
	minFuzzyLength   = 5   // shorter words have too many neighbours one edit away
	minPrefixLength  = 6   // shorter stems begin too many unrelated words
)

// Index answers lookups over one timeline.
type Index struct {
	bleve    bleve.Index
	timeline *data.Timeline
	analyzer analysis.Analyzer
	// idAnalyzer reads an event id as one term, as the mapping does.
	idAnalyzer analysis.Analyzer
	thesaurus  *thesaurus
	// vocabulary holds the analyzed words of the events, each with the
	// number of events it is in (the most of any one field): what a word
	// tells about an event depends on how few events have it.
	vocabulary map[string]int
	// words are the vocabulary's words in order, for the longer words a
	// stem begins.
	words []string
	// acronyms map the acronym of each name the timeline writes out to
	// the name: "rnc" to "Republican National Convention".
	acronyms map[string]string
	timeout  time.Duration
	// dated is every date of every event, in order, and longest the
	// longest of them: date lookups read them (dates.go).
	dated   []dated
	longest int64
	// keptDir and keptKey say where the index is kept and under what
	// name; "" for an index in memory.
	keptDir, keptKey string
}

// Build indexes the timeline in memory. The timeline must not change while
// the index is in use.
func Build(ctx context.Context, tl *data.Timeline) (*Index, error) {
	return BuildReporting(ctx, tl, nil)
}

// BuildReporting is Build, calling progress, if not nil, with the entries
// indexed so far after each batch: a big timeline takes a while.
func BuildReporting(ctx context.Context, tl *data.Timeline, progress func(done, total int)) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix, err := over(b, tl)
	if err == nil {
		err = ix.load(ctx, progress)
	}
	if err == nil {
		err = ix.finish()
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	return ix, nil
}

// over is the index over a bleve index of tl's events, built or opened,
// with its table of dates; finish reads the rest.
func over(b bleve.Index, tl *data.Timeline) (*Index, error) {
	m := b.Mapping()
	ix := &Index{
		bleve:      b,
		timeline:   tl,
		analyzer:   m.AnalyzerNamed(m.AnalyzerNameForPath(fieldText)),
		idAnalyzer: m.AnalyzerNamed(m.AnalyzerNameForPath(fieldID)),
		timeout:    DefaultTimeout,
	}
	if ix.analyzer == nil || ix.idAnalyzer == nil {
		return nil, errors.New("create index: no analyzer for the text or id field")
	}
	ix.indexDates()
	return ix, nil
}

// reach is how long before a window's start an event's date may begin
// and still overlap the window: a year for a timeline with year-only
// dates, a month with month-only dates, nothing with days only.
func (ix *Index) reach() time.Duration {
	return max(0, time.Duration(ix.longest)-24*time.Hour)
}

// speakers are the people the timeline quotes, each once: a big timeline
// quotes the same people in thousands of entries.
func (ix *Index) speakers() []string {
	var speakers []string
	quoted := map[string]bool{}
	for pos := range ix.timeline.Events {
		for _, q := range ix.timeline.Events[pos].Quotes {
			if !quoted[q.By] {
				quoted[q.By] = true
				speakers = append(speakers, q.By)
			}
		}
	}
	return speakers
}

// load indexes the events. Scorch builds one segment per batch on the
// goroutine that hands it over, so several goroutines each build their
// own batches: one alone left the second core mostly idle.
func (ix *Index) load(ctx context.Context, progress func(done, total int)) error {
	events := ix.timeline.Events
	size := batchFor(len(events))
	var (
		next atomic.Int64 // the first position no worker has taken
		mu   sync.Mutex   // serializes progress
		done int
	)
	g, ctx := errgroup.WithContext(ctx)
	for range min(runtime.GOMAXPROCS(0), (len(events)+size-1)/size) {
		g.Go(func() error {
			batch := ix.bleve.NewBatch()
			for {
				from := int(next.Add(int64(size))) - size
				if from >= len(events) {
					return nil
				}
				to := min(from+size, len(events))
				for pos := from; pos < to; pos++ {
					doc, err := documentOf(&events[pos], pos, ix.analyzer, ix.idAnalyzer)
					if err != nil {
						return err
					}
					if err := batch.IndexAdvanced(doc); err != nil {
						return fmt.Errorf("index event %q: %w", events[pos].ID, err)
					}
				}
				if err := ix.flush(ctx, batch); err != nil {
					return err
				}
				if progress != nil {
					mu.Lock()
					done += to - from
					progress(done, len(events))
					mu.Unlock()
				}
			}
		})
	}
	return g.Wait()
}

// batchFor is the batch size for a timeline of n events. Each batch
// becomes a segment that every search walks, and the in-memory index
// never merges them; but a bigger batch builds slower (50,000 entries:
// 9,500 entries/s in batches of 1,000, 7,000 in batches of 5,000). Up to
// 100,000 events the build wins; beyond, the segments are capped at a
// few hundred.
func batchFor(n int) int {
	return min(max(batchSize, n/100), maxBatchSize)
}

// finish reads back what the index holds, or a kept index stored: the
// vocabulary, the acronyms and the speakers.
func (ix *Index) finish() error {
	// A kept index stores these (disk.go).
	if !ix.keptAcronyms() {
		ix.loadAcronyms()
	}
	speakers, ok := ix.keptSpeakers()
	if !ok {
		speakers = ix.speakers()
	}
	// The timeline's own synonyms come first: where a word is in one of
	// them and in the general table, the author's meaning wins.
	ix.thesaurus = newThesaurus(ix.analyzer, append(slices.Clone(ix.timeline.Synonyms), paraphrases...), speakers)
	if ix.keptVocabulary() {
		return nil
	}
	return ix.loadVocabulary()
}

// loadVocabulary keeps the words of the events, as analyzed, with how
// many events have each: a query word the timeline never uses can be tried
// as two words it does, and a rare word weighs more than a common one.
func (ix *Index) loadVocabulary() error {
	ix.vocabulary = map[string]int{}
	for _, field := range []string{fieldTitle, fieldText, fieldQuoteText, fieldQuoteBy} {
		dict, err := ix.bleve.FieldDict(field)
		if err != nil {
			return fmt.Errorf("build index: %w", err)
		}
		for {
			entry, err := dict.Next()
			if err != nil {
				dict.Close()
				return fmt.Errorf("build index: %w", err)
			}
			if entry == nil {
				break
			}
			ix.vocabulary[entry.Term] = max(ix.vocabulary[entry.Term], int(entry.Count))
		}
		if err := dict.Close(); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
	}
	ix.words = slices.Sorted(maps.Keys(ix.vocabulary))
	return nil
}

// minCompound is the shortest word tried as two: "layoff" is "lay off",
// and a shorter word splits into fragments.
const minCompound = 6

// split is a word the timeline never uses read as two that it does
// ("splashdown", "splashes down"), as the phrase to search for; "" if
// there is none.
func (ix *Index) split(token string) string {
	if ix.vocabulary[token] > 0 || len(token) < minCompound {
		return ""
	}
	// A half that is a stop word ("down") analyzes to nothing and is
	// known; the other half must be a word of the timeline.
	known := func(half string) (bool, bool) {
		t := analyze(ix.analyzer, half)
		return len(t) == 0 || len(t) == 1 && ix.vocabulary[t[0]] > 0, len(t) == 1
	}
	for i := 3; i <= len(token)-3; i++ {
		okA, wordA := known(token[:i])
		okB, wordB := known(token[i:])
		if okA && okB && (wordA || wordB) {
			return token[:i] + " " + token[i:]
		}
	}
	return ""
}

func (ix *Index) flush(ctx context.Context, batch *bleve.Batch) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	batch.Reset()
	return nil
}

// Close releases the index.
func (ix *Index) Close() error { return ix.bleve.Close() }

// Timeline is the timeline the index was built over.
func (ix *Index) Timeline() *data.Timeline { return ix.timeline }

// Len is the number of events.
func (ix *Index) Len() int { return len(ix.timeline.Events) }

// Query says what to look for. The zero Query matches every event.
type Query struct {
	// Words are searched as plain words, never as query syntax. Empty
	// means any event.
	Words string
	// From and To, when set, keep only events with a date in [From, To).
	From, To time.Time
	// Limit is the most hits to return; 0 means all.
	Limit int
	// ByDate orders hits chronologically instead of by relevance.
	ByDate bool
	// Every keeps only events that match each of the words, in some form
	// (exact, with a slip, or a paraphrase), instead of any of them.
	Every bool
	// MostWordsFirst ranks events that match more of the words above those
	// that match fewer, and by relevance among equals: what a question is
	// about is the sum of its words, and one common word in a title must
	// not outrank an entry with all of them.
	MostWordsFirst bool
}

// Hit is an event that matched, with where its words matched.
type Hit struct {
	Event *data.Event
	Pos   int // chronological position in the timeline
	Score float64
	// Information is how much of a MostWordsFirst query the event
	// matches: the rarity-weighted sum of the query's words it has; and
	// Unmatched how many of the query's words it has in no form.
	Information float64
	Unmatched   int
	Matches     []Match
	// terms are the words of the event that matched, as indexed, and
	// titleTerms those of them that matched in its title.
	terms, titleTerms []string
	// bleveScore is bleve's score of the hit, which a ranked hit's Score
	// no longer is.
	bleveScore float64
}

// Match is a matched word: a byte range in one field of the event. For the
// quote fields, Quote is the quote's position in the event's quotes.
type Match struct {
	Field      string // "title", "text", "quotes.text" or "quotes.by"
	Quote      int
	Start, End int
}

// Field names a Match can carry.
const (
	FieldTitle     = fieldTitle
	FieldText      = fieldText
	FieldQuoteText = fieldQuoteText
	FieldQuoteBy   = fieldQuoteBy
)

// ErrNoWords means the words of a query are all too common to search for
// ("the", "of", "what").
var ErrNoWords = errors.New("no words to search for")

// Search runs a query. Words that analyze to nothing return ErrNoWords.
func (ix *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	if q.Words == "" {
		return ix.chronological(q), nil
	}
	ctx, cancel := context.WithTimeout(ctx, ix.timeout)
	defer cancel()
	ctx = context.WithValue(ctx, bsearch.MaxTermSearchersKey, maxTermSearchers)

	// The words are read once; each tier below only asks for more or
	// fewer of them.
	text := queryText(q.Words)
	cs := ix.concepts(text)
	n := len(cs)
	words := func(min int) query.Query { return ix.wordsQuery(text, cs, min) }
	switch {
	case n == 0:
		return nil, ErrNoWords
	case q.Every:
		hits, _, err := ix.search(ctx, q, words(n), true)
		return hits, err
	case !q.MostWordsFirst:
		hits, _, err := ix.search(ctx, q, words(1), true)
		return hits, err
	}
	// One search for events with any of the words, ranked by how much of
	// the query's information each matches (see rank.go).
	limit := q.Limit
	q.Limit = min(ix.Len(), rankPool)
	hits, tie, err := ix.search(ctx, q, words(1), false)
	if err != nil {
		return nil, err
	}
	ix.rank(hits, cs)
	shown := len(hits)
	if limit > 0 {
		shown = min(shown, limit)
	}
	// The events tied at the pool's last place were taken in the index's
	// order; if one of them is shown, which of them are must not be
	// chance: the pool is taken again with the tie broken by date.
	if tie >= 0 && slices.ContainsFunc(hits[:shown], func(h Hit) bool { return h.bleveScore == tie }) {
		if hits, _, err = ix.search(ctx, q, words(1), true); err != nil {
			return nil, err
		}
		ix.rank(hits, cs)
	}
	return hits[:min(len(hits), shown)], nil
}

// search runs a query with words, read by wordsQuery, for at most
// q.Limit hits. With exact, hits tied at the cut are the earliest;
// without, tie is the score of the hits tied at the cut, taken in the
// index's order (-1 for none); see collect.
func (ix *Index) search(ctx context.Context, q Query, words query.Query, exact bool) (hits []Hit, tie float64, err error) {
	root := words
	windowed := !q.From.IsZero() || !q.To.IsZero()
	if windowed && (q.From.After(maxDate) || !q.To.IsZero() && q.To.Before(minDate)) {
		return nil, -1, nil // no timeline reaches there
	}
	if windowed {
		root = query.NewConjunctionQuery([]query.Query{words, ix.dateQuery(q.From, q.To)})
	}

	size := q.Limit
	if size <= 0 || (windowed && ix.reach() > 0) {
		// Reduced-precision dates are filtered after the search, so the
		// search itself must not cut the list short.
		size = ix.Len()
	}
	res, tie, err := ix.collect(ctx, root, size, q.ByDate, exact)
	if err != nil {
		return nil, -1, fmt.Errorf("search %q: %w", q.Words, err)
	}

	hits = make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		pos, ok := posOf(h.ID)
		if !ok || pos >= ix.Len() {
			continue
		}
		e := &ix.timeline.Events[pos]
		if windowed && !hasDateIn(e, q.From, q.To) {
			continue
		}
		hits = append(hits, Hit{Event: e, Pos: pos, Score: h.Score, bleveScore: h.Score, Matches: matches(h.Locations), terms: matchedTerms(h.Locations, ""), titleTerms: matchedTerms(h.Locations, fieldTitle)})
		if q.Limit > 0 && len(hits) == q.Limit {
			break
		}
	}
	return hits, tie, nil
}

// collect runs a bleve query for the best size hits, in chronological
// order (byPos) or by score, ties in chronological order.
//
// Sorting on pos makes bleve read pos's doc values for every candidate,
// a fifth of a keyword search's time, so it is asked of bleve only for a
// chronological list cut short. Every other search is sorted by score
// alone, which bleve does without doc values, and put in order here;
// one hit more than wanted says whether a tie of scores crosses the cut,
// and only then, if exact, is bleve asked to break it. Otherwise the
// tied score is returned (-1 for no tie at the cut): at 100,000 entries
// most MostWordsFirst pools end in a tie (many entries share one common
// word of the query, equally), and asking again every time doubled the
// search's time; Search asks again only when the tie reaches an answer.
func (ix *Index) collect(ctx context.Context, root query.Query, size int, byPos, exact bool) (*bleve.SearchResult, float64, error) {
	all := size >= ix.Len()
	run := func(size int, sortBy ...string) (*bleve.SearchResult, error) {
		req := bleve.NewSearchRequestOptions(root, size, 0, false)
		req.IncludeLocations = true // the places the words matched
		if len(sortBy) > 0 {
			req.SortBy(sortBy)
		}
		return ix.bleve.SearchInContext(ctx, req)
	}
	if byPos && !all {
		res, err := run(size, fieldPos)
		return res, -1, err
	}
	wanted := size
	if !all {
		size++
	}
	res, err := run(size)
	if err != nil {
		return nil, -1, err
	}
	tie := -1.0
	if len(res.Hits) > wanted {
		if res.Hits[wanted].Score == res.Hits[wanted-1].Score {
			if exact {
				res, err := run(wanted, "-_score", fieldPos)
				return res, -1, err
			}
			tie = res.Hits[wanted-1].Score
		}
		res.Hits = res.Hits[:wanted]
	}
	pos := func(h *bsearch.DocumentMatch) int {
		p, _ := posOf(h.ID)
		return p
	}
	slices.SortFunc(res.Hits, func(a, b *bsearch.DocumentMatch) int {
		if !byPos {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
		}
		return cmp.Compare(pos(a), pos(b))
	})
	return res, tie, nil
}

// queryText is the text of a query as it is read: cut to a bounded
// length, and with colons as spaces, since Unicode word rules join
// letters across a colon ("title:Mayflower" is one word to them) where
// people mean two words.
func queryText(words string) string {
	return strings.ReplaceAll(truncateRunes(words, 1024), ":", " ")
}

// concepts are the words of a query text as the index reads them:
// analyzed, at most maxQueryTokens of them, with a person's name or a
// thesaurus phrase as one.
func (ix *Index) concepts(text string) []concept {
	var tokens []string
	var spans [][2]int // where each token is in text
	for _, t := range ix.analyzer.Analyze([]byte(text)) {
		if term := string(t.Term); !slices.Contains(tokens, term) && len(tokens) < maxQueryTokens {
			tokens = append(tokens, term)
			spans = append(spans, [2]int{t.Start, t.End})
		}
	}
	if len(tokens) == 0 {
		return nil
	}
	cs := ix.thesaurus.concepts(tokens)
	for i, c := range cs {
		cs[i].typed = text[spans[c.at][0]:spans[c.at+len(c.tokens)-1][1]]
		cs[i].absent = !slices.ContainsFunc(c.tokens, func(t string) bool { return ix.vocabulary[t] > 0 })
		if cs[i].absent {
			// Only a word not there as typed pays for a pass over the
			// vocabulary.
			ix.lookAround(&cs[i])
		}
		if len(c.tokens) == 1 && c.phrase == "" {
			if name, ok := ix.acronyms[c.tokens[0]]; ok && ix.vocabulary[c.tokens[0]] == 0 {
				cs[i].alternatives = append(cs[i].alternatives, phrase{text: name, tokens: analyze(ix.analyzer, name)})
			}
			if two := ix.split(c.tokens[0]); two != "" {
				cs[i].alternatives = append(cs[i].alternatives, phrase{text: two, tokens: analyze(ix.analyzer, two)})
			}
		}
	}
	return cs
}

// wordsQuery is the keyword query for text a person typed: every word
// exactly, every longer word with one slip, the words side by side as a
// phrase, and the paraphrases of what was typed: the concepts cs of text.
// At least min of the words (or paraphrases of them) must match. The text
// is analyzed, never parsed, so "+", "-", "field:", "/re/", "~" and "^"
// are just characters.
func (ix *Index) wordsQuery(text string, cs []concept, min int) query.Query {
	var concepts []query.Query
	for _, c := range cs {
		var forms []query.Query
		// The words each token stands for are found once, not per field.
		tokenForms := make([][]formGroup, len(c.tokens))
		if c.phrase == "" {
			for i, t := range c.tokens {
				tokenForms[i] = ix.wordForms(t)
			}
		}
		for _, f := range searchFields {
			if c.phrase != "" {
				pq := query.NewMatchPhraseQuery(c.phrase)
				pq.SetField(f.name)
				pq.SetBoost(f.boost)
				forms = append(forms, pq)
			} else {
				for _, tf := range tokenForms {
					for _, group := range tf {
						forms = append(forms, formsQuery(group, f.name, f.boost))
					}
				}
				for _, t := range c.corrections {
					forms = append(forms, termQuery(t, f.name, f.boost*fuzzyWeight))
				}
				for _, t := range c.rest {
					if f.name != fieldQuoteBy {
						forms = append(forms, termQuery(t, f.name, f.boost))
					}
				}
			}
			for _, alt := range c.alternatives {
				if len(alt.tokens) == 1 {
					forms = append(forms, termQuery(alt.tokens[0], f.name, f.boost*paraphraseWeight))
					continue
				}
				// A phrase query on the written form keeps the gaps stop
				// words leave ("Department of Justice").
				pq := query.NewMatchPhraseQuery(alt.text)
				pq.SetField(f.name)
				pq.SetBoost(f.boost * paraphraseWeight)
				forms = append(forms, pq)
			}
		}
		concepts = append(concepts, query.NewDisjunctionQuery(forms))
	}
	var phrases []query.Query
	if len(cs) > 1 {
		for _, f := range searchFields {
			if f.name == fieldQuoteBy {
				continue
			}
			pq := query.NewMatchPhraseQuery(text)
			pq.SetField(f.name)
			pq.SetBoost(f.boost * phraseWeight)
			phrases = append(phrases, pq)
		}
	}
	some := query.NewDisjunctionQuery(concepts)
	some.SetMin(float64(min))
	if len(phrases) == 0 {
		return some
	}
	// The phrases add to the score of events that have the words side by
	// side; they do not count toward min.
	return query.NewBooleanQuery([]query.Query{some}, phrases, nil)
}

// formGroup is words of the timeline a query's word is searched as, and
// how much a match of one counts. The forms of one kind (the slips of a
// word, the longer words a stem begins) are one clause of the query, as
// bleve's fuzzy and prefix queries were: a word with many forms does not
// outweigh a word with few.
type formGroup struct {
	terms  []string
	weight float64
}

// wordForms are the words of the timeline one analyzed word of a query
// matches: itself; for a word the timeline does not have as typed, the
// words one slip away; the longer words a long stem begins, since the
// stemmer keeps derived words apart ("president" and "presidential" stem
// differently); and for a word the timeline never uses, the words of the
// root it is derived from ("merger" finds "merges"). They come from the
// vocabulary, as term queries: a fuzzy query built a Levenshtein
// automaton and a prefix query walked the dictionary, in every field of
// every segment.
func (ix *Index) wordForms(t string) []formGroup {
	unknown := ix.vocabulary[t] == 0
	out := []formGroup{{[]string{t}, 1}}
	add := func(terms []string) {
		if len(terms) > 0 {
			out = append(out, formGroup{terms, fuzzyWeight})
		}
	}
	// A slip is looked for only in a word the timeline does not have as
	// typed: a word the timeline has finds its entries exactly.
	if unknown {
		add(ix.slips(t))
	}
	if utf8.RuneCountInString(t) >= minPrefixLength {
		add(ix.beginning(t))
	}
	if root := derivedRoot(t); root != "" && unknown {
		terms := ix.beginning(root)
		if ix.vocabulary[root] > 0 {
			terms = append(terms, root)
		}
		add(terms)
	}
	return out
}

// slips are the timeline's words a slip of t may stand for (slipOf).
func (ix *Index) slips(t string) []string {
	if utf8.RuneCountInString(t) < minFuzzyLength-1 {
		return nil
	}
	var out []string
	for _, w := range ix.words {
		if d := len(w) - len(t); d < -utf8.UTFMax || d > utf8.UTFMax {
			continue
		}
		if w != t && slipOf(t, w) {
			out = append(out, w)
			if len(out) == maxLonger {
				break
			}
		}
	}
	return out
}

// maxLonger caps the words one word of a query stands for: the longer
// words a stem begins, or the slips of it.
const maxLonger = 64

// beginning is the timeline's words that stem begins, stem itself left
// out: the vocabulary in order is searched, not each segment's dictionary
// (which a prefix query walks once per segment), and the word itself is
// searched exactly already.
func (ix *Index) beginning(stem string) []string {
	var out []string
	i, _ := slices.BinarySearch(ix.words, stem)
	for ; i < len(ix.words) && strings.HasPrefix(ix.words[i], stem) && len(out) < maxLonger; i++ {
		if ix.words[i] != stem {
			out = append(out, ix.words[i])
		}
	}
	return out
}

// derivations are the suffixes that make nouns of verbs, which the
// stemmer keeps: it stems "merger" to "merger" but "merges" to "merg",
// and "settlement" apart from "settled".
var derivations = []string{"ments", "ment", "ers", "er", "ors", "or", "ations", "ation", "ions", "ion", "als", "al", "ances", "ance", "ences", "ence"}

// minRoot is the shortest root a derived word is searched by: shorter
// roots begin too many unrelated words.
const minRoot = 4

// derivedRoot is what a derived word is made from, as a prefix to search
// for ("merger": "merg", "settlement": "settle"), or "" if it is not one.
func derivedRoot(t string) string {
	for _, suffix := range derivations {
		if root, ok := strings.CutSuffix(t, suffix); ok && utf8.RuneCountInString(root) >= minRoot {
			// "settlement" is "settle", which the stemmer has as "settl".
			return strings.TrimSuffix(root, "e")
		}
	}
	return ""
}

// formsQuery is one clause for a group of forms in a field.
func formsQuery(group formGroup, field string, boost float64) query.Query {
	if len(group.terms) == 1 {
		return termQuery(group.terms[0], field, boost*group.weight)
	}
	terms := make([]query.Query, len(group.terms))
	for i, t := range group.terms {
		terms[i] = termQuery(t, field, boost*group.weight)
	}
	return query.NewDisjunctionQuery(terms)
}

func termQuery(term, field string, boost float64) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}

// dateQuery matches events with a date that may overlap [from, to). It is
// widened by reach so month- and year-only dates that start earlier are
// seen; hasDateIn then keeps only the true overlaps.
func (ix *Index) dateQuery(from, to time.Time) query.Query {
	start := from
	if !start.IsZero() {
		start = start.Add(-ix.reach())
	}
	// The index holds dates as nanoseconds in 64 bits; a window reaching
	// past them is cut to them ("after 2500", "before 1500").
	if !start.IsZero() && start.Before(minDate) {
		start = minDate
	}
	if to.After(maxDate) {
		to = maxDate
	}
	inclusive, exclusive := true, false
	dq := query.NewDateRangeInclusiveQuery(start, to, &inclusive, &exclusive)
	dq.SetField(fieldDates)
	return dq
}

// The dates the index can hold: the years data.MinYear to data.MaxYear.
var (
	minDate = time.Date(data.MinYear, time.January, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(data.MaxYear+1, time.January, 1, 0, 0, 0, 0, time.UTC)
)

func hasDateIn(e *data.Event, from, to time.Time) bool {
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return slices.ContainsFunc(e.Dates, func(d data.Date) bool { return d.Overlaps(from, to) })
}

func matches(locations bsearch.FieldTermLocationMap) []Match {
	var out []Match
	for field, terms := range locations {
		for _, locs := range terms {
			for _, l := range locs {
				m := Match{Field: field, Start: int(l.Start), End: int(l.End)}
				if len(l.ArrayPositions) > 0 {
					m.Quote = int(l.ArrayPositions[0])
				}
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if c := cmp.Compare(a.Field, b.Field); c != 0 {
			return c
		}
		if a.Quote != b.Quote {
			return a.Quote - b.Quote
		}
		return a.Start - b.Start
	})
	return slices.CompactFunc(out, func(a, b Match) bool { return a == b })
}

// matchedTerms are the indexed words the locations are of, in one field
// or, for "", in any.
func matchedTerms(locations bsearch.FieldTermLocationMap, field string) []string {
	var out []string
	for f, terms := range locations {
		if field != "" && f != field {
			continue
		}
		for term := range terms {
			if !slices.Contains(out, term) {
				out = append(out, term)
			}
		}
	}
	return out
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
