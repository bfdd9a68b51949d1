package synth

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// Options say which timeline to make. The zero value is a timeline of
// DefaultEvents entries from DefaultFrom to DefaultTo, seed 0.
type Options struct {
	// Events is how many entries; 0 or less is DefaultEvents.
	Events int
	// Seed picks one timeline of the many the other options allow.
	Seed uint64
	// From and To are the first and last years entries fall in; 0 is
	// DefaultFrom or DefaultTo. A To before From is From: one year.
	From, To int
}

const (
	DefaultEvents = 1000
	DefaultFrom   = 1990
	DefaultTo     = 2024
)

// normal is o with its defaults filled in and its years within those a
// timeline may have.
func (o Options) normal() Options {
	if o.Events <= 0 {
		o.Events = DefaultEvents
	}
	if o.From == 0 {
		o.From = DefaultFrom
	}
	if o.To == 0 {
		o.To = DefaultTo
	}
	o.From = min(max(o.From, data.MinYear), data.MaxYear)
	o.To = min(max(o.To, o.From), data.MaxYear)
	return o
}

// chunkSize is how many entries one random stream makes. Each chunk has
// its own stream, seeded from the seed and the chunk's number, so chunks
// can be made in parallel and the timeline is the same at any
// GOMAXPROCS; it is fixed, because changing it changes every timeline.
const chunkSize = 1024

// Random streams, the second half of each PCG seed: one for the dates,
// one per chunk for the rest.
const (
	datesStream = 0x6461746573
	chunkStream = 0x6368756e6b << 24
)

// monthShare is the share of first dates that are a month rather than a
// day: a few entries are known only to the month, as in real timelines.
const monthShare = 10 // one in ten

// day is one day of the calendar the timeline covers.
type day struct {
	date       data.Date // a day: Year, Month and Day
	monthStart int32     // the index of the first day of its month
	nextMonth  int32     // the index of the first day of the next month, len(days) past the end
}

// plan is what is decided for the whole timeline before any entry is
// written: the calendar and each entry's first date, in order.
type plan struct {
	o    Options
	days []day
	// firsts is each entry's first date, as the day's index times two,
	// plus one for a day (zero for the month the day starts): sorted, so
	// entries come out in the order data.Parse keeps them in, months
	// before the days that start them.
	firsts []int32
}

func newPlan(o Options) *plan {
	p := &plan{o: o}
	start := time.Date(o.From, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(o.To+1, time.January, 1, 0, 0, 0, 0, time.UTC)
	monthStart := int32(0)
	for t := start; t.Before(end); t = t.AddDate(0, 0, 1) {
		if t.Day() == 1 {
			monthStart = int32(len(p.days))
		}
		p.days = append(p.days, day{date: data.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, monthStart: monthStart})
	}
	for i := len(p.days) - 1; i >= 0; i-- {
		if i+1 == len(p.days) || p.days[i+1].date.Day == 1 {
			p.days[i].nextMonth = int32(i + 1)
		} else {
			p.days[i].nextMonth = p.days[i+1].nextMonth
		}
	}
	// The first dates are drawn uniformly and put in order by counting
	// (a calendar has a few thousand days, a timeline up to a million
	// entries): no sort, and each entry's date is known before any text
	// is made, so chunks need nothing from each other.
	src := rand.NewPCG(o.Seed, datesStream)
	counts := make([]int32, 2*len(p.days))
	for range o.Events {
		d := bounded(src.Uint64(), len(p.days))
		if bounded(src.Uint64(), monthShare) == 0 {
			counts[2*int(p.days[d].monthStart)]++
		} else {
			counts[2*d+1]++
		}
	}
	p.firsts = make([]int32, 0, o.Events)
	for v, c := range counts {
		for ; c > 0; c-- {
			p.firsts = append(p.firsts, int32(v))
		}
	}
	return p
}

// bounded is a number in [0, n) from a random x, by multiplying rather
// than dividing; for the small n here its bias is far below noise.
func bounded(x uint64, n int) int { return int((x >> 32) * uint64(n) >> 32) }

// header is the timeline without its events.
func header(o Options) *data.Timeline {
	return &data.Timeline{
		Title:  fmt.Sprintf("Synthetic timeline: %d entries, %d to %d, seed %d", o.Events, o.From, o.To, o.Seed),
		Source: data.Source{Name: "timelinebot synth"},
		Lede:   "A generated, news-like timeline for benchmarks. Its people, places, organisations and events are invented.",
	}
}

// Generate makes the timeline of o. The same Options give the same
// timeline; it is valid as data.Parse reads it.
func Generate(o Options) *data.Timeline {
	o = o.normal()
	p := newPlan(o)
	tl := header(o)
	tl.Events = make([]data.Event, o.Events)
	chunks := (o.Events + chunkSize - 1) / chunkSize
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Go(func() {
			g := newGen(p)
			for {
				k := int(next.Add(1) - 1)
				if k >= chunks {
					return
				}
				lo := k * chunkSize
				g.chunk(k, tl.Events[lo:min(lo+chunkSize, o.Events)])
			}
		})
	}
	wg.Wait()
	return tl
}

// gen makes chunks of entries; one per goroutine, reused from chunk to
// chunk so its buffers are allocated once.
type gen struct {
	p   *plan
	l   *lists
	src *rand.PCG

	buf   []byte      // the chunk's text, all of it: one string at the end
	ends  []int32     // per entry: where its id, title, text and quote end in buf
	dates []data.Date // per entry, its one or two dates, in order
	ndate []uint8     // how many dates each entry has
	quote []int16     // who each entry quotes, -1 for no one

	lastPerson int // the last person named in the entry, for "Lopez said"
}

func newGen(p *plan) *gen {
	return &gen{p: p, l: vocabulary(), src: rand.NewPCG(0, 0)}
}

func (g *gen) rand() uint64      { return g.src.Uint64() }
func (g *gen) n(n int) int       { return bounded(g.src.Uint64(), n) }
func (g *gen) chance(n int) bool { return g.n(n) == 0 }

// chunk makes the entries of chunk k into dst.
func (g *gen) chunk(k int, dst []data.Event) {
	g.src.Seed(g.p.o.Seed, chunkStream+uint64(k))
	firsts := g.p.firsts[k*chunkSize : k*chunkSize+len(dst)]

	// Dates and quotes first, so the chunk's dates and quotes can each be
	// one exact allocation that the entries slice.
	g.dates, g.ndate, g.quote = g.dates[:0], g.ndate[:0], g.quote[:0]
	quotes := 0
	for _, v := range firsts {
		n := g.addDates(v)
		g.ndate = append(g.ndate, uint8(n))
		who := int16(-1)
		if g.chance(3) {
			who = int16(g.l.people.draw(g.rand()))
			quotes++
		}
		g.quote = append(g.quote, who)
	}
	dates := make([]data.Date, len(g.dates))
	copy(dates, g.dates)
	var quoteSlab []data.Quote
	if quotes > 0 {
		quoteSlab = make([]data.Quote, quotes)
	}

	// Then the words, all into one buffer that becomes one string: a
	// chunk is one allocation of its exact size instead of four per
	// entry, each rounded up to its size class.
	g.buf, g.ends = g.buf[:0], g.ends[:0]
	for i := range dst {
		g.lastPerson = -1
		g.id(k*chunkSize + i + 1)
		g.ends = append(g.ends, int32(len(g.buf)))
		g.title()
		g.ends = append(g.ends, int32(len(g.buf)))
		g.text(40 + g.n(81))
		g.ends = append(g.ends, int32(len(g.buf)))
		if g.quote[i] >= 0 {
			g.sentence(8+g.n(13), true)
		}
		g.ends = append(g.ends, int32(len(g.buf)))
	}
	s := string(g.buf)

	at, q, from := 0, 0, int32(0)
	for i := range dst {
		ends := g.ends[4*i : 4*i+4]
		n := int(g.ndate[i])
		e := data.Event{
			ID:    s[from:ends[0]],
			Dates: dates[at : at+n : at+n],
			Title: s[ends[0]:ends[1]],
			Text:  s[ends[1]:ends[2]],
		}
		at += n
		if who := g.quote[i]; who >= 0 {
			quoteSlab[q] = data.Quote{By: g.l.people.words[who], Text: s[ends[2]:ends[3]]}
			e.Quotes = quoteSlab[q : q+1 : q+1]
			q++
		}
		dst[i] = e
		from = ends[3]
	}
}

// addDates appends an entry's dates for its first date v and says how
// many: one, or about one time in five a second, later one.
func (g *gen) addDates(v int32) int {
	days := g.p.days
	idx, isDay := int(v>>1), v&1 == 1
	first := days[idx].date
	if !isDay {
		first.Day = 0
	}
	g.dates = append(g.dates, first)
	if !g.chance(5) {
		return 1
	}
	// The second date starts strictly after the first does, as
	// data.Check wants them in order and a question "between" them
	// wants them apart; one past the calendar's end is left out.
	j, asDay := 0, true
	switch {
	case isDay && g.n(10) < 7: // a few days or weeks later
		j = idx + 1 + g.n(60)
	case isDay: // a later month
		j, asDay = idx+15+g.n(90), false
		if j < len(days) {
			j = int(days[j].monthStart)
			if j <= idx {
				j = int(days[idx].nextMonth)
			}
		}
	case g.n(10) < 6: // a month one to six months on
		j, asDay = idx, false
		for range 1 + g.n(6) {
			if j < len(days) {
				j = int(days[j].nextMonth)
			}
		}
	default: // a day in a later month
		j = int(days[idx].nextMonth) + g.n(90)
	}
	if j >= len(days) {
		return 1
	}
	second := days[j].date
	if !asDay {
		second.Day = 0
	}
	g.dates = append(g.dates, second)
	return 2
}

// id is the entry's id from its position, "e0000042": unique, and in the
// order of the entries.
func (g *gen) id(n int) {
	g.buf = append(g.buf, 'e')
	g.buf = appendDigits(g.buf, n, 7)
}

func (g *gen) word(w string) {
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, w...)
}

// person names someone drawn from the people, and remembers them.
func (g *gen) person() (string, int) {
	i := g.l.people.draw(g.rand())
	g.lastPerson = i
	return g.l.people.words[i], 2
}

// title writes a headline of 4 to 10 words: a subject (a person, an
// organisation or a place), a verb, what it acts on, sometimes where.
func (g *gen) title() {
	l := g.l
	words := 4 + g.n(7)
	var subject string
	var count int
	switch r := g.n(10); {
	case r < 5:
		subject, count = g.person()
	case r < 8:
		i := l.orgs.draw(g.rand())
		subject, count = l.orgs.words[i], l.orgs.count[i]
	default:
		subject, count = l.places.words[l.places.draw(g.rand())], 1
	}
	g.buf = append(g.buf, subject...)
	g.word(l.verbs.words[l.verbs.draw(g.rand())])
	object := max(1, words-count-1)
	where := object >= 3 && g.chance(3)
	if where {
		object -= 2
	}
	for range object {
		g.word(g.titleWord())
	}
	if where {
		g.word("in")
		g.word(l.places.words[l.places.draw(g.rand())])
	}
}

// titleWord is a content word fit for a headline: headlines drop the
// reporting verbs ("said", "announced") that fill the copy.
func (g *gen) titleWord() string {
	var w string
	for range 3 {
		w = g.l.content.words[g.l.content.draw(g.rand())]
		if n := len(w); w != "said" && (n < 3 || w[n-2:] != "ed") {
			break
		}
	}
	return w
}

// text writes exactly words words of sentences, in paragraphs.
func (g *gen) text(words int) {
	sentences := 0
	for left := words; left > 0; {
		n := 8 + g.n(13)
		if left-n < 6 {
			n = left // no stub of a sentence at the end
		}
		if sentences > 0 {
			if sentences >= 2 && g.chance(3) {
				g.buf = append(g.buf, '\n', '\n')
				sentences = 0
			} else {
				g.buf = append(g.buf, ' ')
			}
		}
		g.sentence(n, false)
		sentences++
		left -= n
	}
}

// sentence writes a sentence of exactly n words. A quote is plain words;
// the copy sometimes says who said it, where, or whose figures they are.
func (g *gen) sentence(n int, quote bool) {
	l := g.l
	if !quote {
		switch g.n(8) {
		case 0: // "Maria Lopez, the mayor of Ashford City Council, said ..."
			name, c := g.person()
			r := l.roles.draw(g.rand())
			o := l.orgs.draw(g.rand())
			if rest := n - c - 1 - l.roles.count[r] - 1 - l.orgs.count[o] - 1; rest >= 3 {
				g.buf = append(g.buf, name...)
				g.buf = append(g.buf, ", the"...)
				g.word(l.roles.words[r])
				g.word("of")
				g.word(l.orgs.words[o])
				g.buf = append(g.buf, ", said"...)
				g.filler(rest, false)
				return
			}
		case 1: // "In Ashford, ..."
			g.buf = append(g.buf, "In "...)
			g.buf = append(g.buf, l.places.words[l.places.draw(g.rand())]...)
			g.buf = append(g.buf, ',')
			g.filler(n-2, false)
			return
		case 2: // "According to Bank of Ashford, ..."
			o := l.orgs.draw(g.rand())
			if rest := n - 2 - l.orgs.count[o]; rest >= 3 {
				g.buf = append(g.buf, "According to "...)
				g.buf = append(g.buf, l.orgs.words[o]...)
				g.buf = append(g.buf, ',')
				g.filler(rest, false)
				return
			}
		case 3: // "Lopez said ..." of the person last named, or a new one
			if g.lastPerson >= 0 {
				g.buf = append(g.buf, l.last[g.lastPerson]...)
				g.buf = append(g.buf, " said"...)
				g.filler(n-2, false)
			} else {
				name, c := g.person()
				g.buf = append(g.buf, name...)
				g.buf = append(g.buf, " said"...)
				g.filler(n-c-1, false)
			}
			return
		}
	}
	g.filler(n, true)
}

// filler writes n words of running text and a full stop: function and
// content words in turn, never two function words together and never one
// last, a number now and then, a comma now and then. capital starts a
// sentence with it; otherwise the words follow what is already written.
func (g *gen) filler(n int, capital bool) {
	l := g.l
	// A local slice, stored back once: appending to g.buf itself would
	// be a pointer write, and a write barrier, per word while the
	// collector runs.
	b := g.buf
	glue := false // the word before is a function word
	for i := range n {
		// One random number per word: its low half draws the word, its
		// high half decides the word's kind and the comma before it.
		// This loop makes nearly every word of a timeline, and the
		// generator is much of its cost.
		x := g.rand()
		hi := x >> 32
		wasGlue := glue
		start := len(b)
		if i > 0 || !capital {
			if !wasGlue && i > 0 && hi>>24 < 13 { // one in twenty
				b = append(b, ',')
			}
			b = append(b, ' ')
		}
		switch {
		case hi&31 == 0: // one in 32
			b = strconv.AppendInt(b, int64(1+bounded(g.rand(), 999)), 10)
			glue = false
		case !glue && i < n-1 && (hi>>8)&0xff < 115: // 45 in 100
			b = append(b, l.function.words[l.function.draw(x)]...)
			glue = true
		default:
			b = append(b, l.content.words[l.content.draw(x)]...)
			glue = false
		}
		if i == 0 && capital {
			if c := b[start]; c >= 'a' && c <= 'z' {
				b[start] = c - 'a' + 'A'
			}
		}
	}
	g.buf = append(b, '.')
}
