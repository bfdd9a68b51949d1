package synth

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
)

// The built-in lists. They are fixed, not drawn from the seed: the seed
// decides which words an entry uses, never what the words are, so two
// timelines of different seeds share a vocabulary as two years of one
// paper do.

// functionWords are the glue of sentences, most frequent first: they take
// the top ranks of the Zipf distribution, as they do in any English text.
var functionWords = strings.Fields(`
the of to and a in that for on is was with as at by from his her be
have has an are they not but had were will this which who their would
been after its she also or about we over than there up into could when
out other some all no before can while them those against between
during since under until may most only because what so if these our
should did does do then very both each through still even much many
any such where just now till via per amid across toward within without
`)

// newsWords are the common words of news copy, roughly most frequent
// first; they rank right after the function words.
var newsWords = strings.Fields(`
said year new government people police city officials state president
report week plan first last two three time council court million public
minister company national years told percent budget election local law
workers health school water former group members party day months vote
bill federal department office market power energy project program
agency board union leader committee money tax prices costs billion
month rate trade deal talks agreement contract investigation case
charges trial judge ruling appeal decision policy reform security
military border fire storm flood crisis emergency support opposition
protest strike campaign candidate residents community region area
district county province village town capital airport road bridge
railway station port factory plant mine farm farmers crops hospital
children families students teachers doctors patients nurses service
services system network data online internet phone software bank banks
loan loans debt economy jobs wages pension pensions housing rent homes
land river coast lake forest park weather rain snow heat drought
wildfire earthquake damage repairs construction building buildings
tower stadium museum library church festival concert film book award
prize team season match game championship league coach players fans
record level number total share shares stock stocks investors profit
losses sales revenue exports imports industry sector business firm
firms owners staff employees managers chief director chairman
spokesperson mayor governor senator lawyer lawyers prosecutors
witnesses jury evidence statement statements letter documents files
records inquiry review audit study survey research scientists experts
analysts critics supporters voters lawmakers assembly parliament senate
congress ministry cabinet coalition majority minority seat seats
result results count ballot ballots turnout polls debate speech visit
meeting summit conference forum hearing session vote votes motion
measure measures rules rule standards limits ban sanctions aid funds
funding grant grants fees fares tickets routes service delays traffic
accident crash collision injuries deaths victims survivors rescue
search shelter evacuation warning warnings alert safety risk threat
threats attack attacks arrest arrests suspect suspects officers troops
forces soldiers ceasefire peace war conflict dispute claims claim
lawsuit settlement fine fines penalty damages compensation refund
cuts increase rise fall drop growth recovery slowdown recession
inflation interest currency exchange markets oil gas coal fuel
electricity grid solar wind nuclear emissions climate pollution waste
recycling transport transit buses trains flights airline airlines ships
shipping cargo trucks cars vehicles roads highway tunnel parking
plans proposal proposals changes change program programs strategy
goal goals target targets deadline schedule phase stage launch
opening closure closures expansion merger takeover acquisition sale
major small large early late long high low final several recent senior
private international regional annual key top strong weak open closed
free full half single joint special temporary permanent official
independent economic political social financial environmental legal
medical digital coastal northern southern eastern western central rural
urban announced approved reported added called expected agreed warned
raised opened signed rejected voted passed launched released arrested
charged filed found held met made took gave began ended continued
planned proposed confirmed denied declined estimated increased reduced
moved received returned remained became showed noted described
criticized welcomed urged promised demanded sought faced
`)

// Coined words fill the long tail of the vocabulary: rare, distinctive
// words like the names of programmes, compounds and jargon that make a
// keyword search hit few entries. They are made from parts, so no list of
// thousands has to be written out.
var (
	coinPrefixes = strings.Fields(`re de con pro pre trans inter sub over under counter co dis mis out non multi post anti ex`)
	coinRoots    = strings.Fields(`form port struct duct tract spect press vent ject mit pos plic rupt scrib sign stat tend vert vis voc cept clin fer gress lect lum man mod mov nect pel pend plan pon quir sect serv sist solv sult sum tain tempt text tort val vid volv cap cord cred dict fact fin flect flu gen grad jud junct lev loc log mand merg min norm ord part pat ped pict plex pul reg sent sol spir tact temp term terr tribut urb vers`)
	coinSuffixes = strings.Fields(`ation ment ance ence ity ism ist er or al ive ory ure age ency ant ent able ible ic ics ology ship ware ness`)
)

// vocabularySize is how many words the text draws from: a few thousand,
// as in a month of a local paper.
const vocabularySize = 4000

// verbs are headline verbs, as the headline writes them and as a question
// asks with them: "Lopez approves budget", "when did Lopez approve the
// budget?".
var verbs = [][2]string{
	{"announces", "announce"}, {"approves", "approve"}, {"rejects", "reject"},
	{"launches", "launch"}, {"signs", "sign"}, {"unveils", "unveil"},
	{"blocks", "block"}, {"backs", "back"}, {"delays", "delay"},
	{"cancels", "cancel"}, {"expands", "expand"}, {"cuts", "cut"},
	{"raises", "raise"}, {"proposes", "propose"}, {"defends", "defend"},
	{"criticizes", "criticize"}, {"investigates", "investigate"},
	{"suspends", "suspend"}, {"completes", "complete"}, {"opens", "open"},
	{"closes", "close"}, {"wins", "win"}, {"loses", "lose"}, {"sells", "sell"},
	{"buys", "buy"}, {"acquires", "acquire"}, {"reviews", "review"},
	{"postpones", "postpone"}, {"restores", "restore"}, {"bans", "ban"},
	{"funds", "fund"}, {"extends", "extend"}, {"ends", "end"},
	{"begins", "begin"}, {"confirms", "confirm"}, {"denies", "deny"},
	{"settles", "settle"}, {"challenges", "challenge"}, {"appoints", "appoint"},
	{"dismisses", "dismiss"}, {"hires", "hire"}, {"demands", "demand"},
	{"sues", "sue"}, {"joins", "join"}, {"leaves", "leave"}, {"visits", "visit"},
	{"hosts", "host"}, {"honors", "honor"}, {"releases", "release"},
	{"publishes", "publish"}, {"reforms", "reform"}, {"replaces", "replace"},
	{"halts", "halt"}, {"resumes", "resume"}, {"passes", "pass"},
	{"vetoes", "veto"}, {"endorses", "endorse"}, {"drops", "drop"},
	{"revives", "revive"}, {"secures", "secure"},
}

var firstNames = strings.Fields(`
Maria James Ana David Sofia Michael Elena Daniel Laura Thomas Sarah Peter
Nadia John Grace Samuel Amira Robert Leila Paul Helen Omar Clara Victor
Irene Martin Julia Andrew Rosa George Lucia Hassan Emma Kenji Priya Carlos
Fatima Jonas Ingrid Mateo Chloe Ahmed Yuki Diego Olga Felix Hannah Ravi
Marta Lukas Alice Tomas Mei Noah Zara Ivan Eva Kwame Sara Luis Nora Hugo
Aisha Erik Lina Oscar Ruth Pablo Vera Simon Anika Leo Dina Adam Mira Karl
Iris Malik Beatriz Owen
`)

var lastNames = strings.Fields(`
Lopez Smith Chen Novak Okafor Rossi Nguyen Schmidt Kowalski Haddad Tanaka
Silva Petrov Johansson Murphy Garcia Kim Mensah Fischer Dubois Ivanova
Patel Cohen Moreau Andersen Costa Yilmaz Sato Walker Reyes Bauer Lindqvist
Osei Horvat Kaur Brennan Ferreira Nakamura Weber Castillo Olsen Hussain
Varga Romero Jensen Ali Morales Keller Park Santos Bianchi Kovacs Price
Fontaine Abara Quinn Mendez Sorensen Baptiste Lehmann Ortiz Rahman Hayes
Wolff Duarte Marsh Ekstrom Mwangi Sharma Carver Ionescu Pereira Holm Stone
Banda Vogel Ruiz Doyle Takahashi
`)

// people is how many people a timeline's entries name: enough that a
// "who" question has rivals, few enough that the famous recur.
const people = 400

var roles = []string{
	"mayor", "minister", "spokesperson", "director", "chair", "chief executive",
	"governor", "senator", "analyst", "lawyer", "economist", "professor",
	"union leader", "police chief", "adviser", "commissioner", "treasurer",
	"secretary", "board member", "prosecutor",
}

// Places are coined from a head and a tail, "Ashford", "Corbury": no
// real town is named, so no reader mistakes the data for news.
var (
	placeHeads = strings.Fields(`Ash Bel Cor Dun El Fair Glen Hal Ist Kel Lan Mar Nor Or Pem Quin Ros Sal Tor Ul Val Wen Yar Zel`)
	placeTails = strings.Fields(`ford bury ton wick mouth field dale haven port stead moor brook gate holm ridge vale by ham ley worth`)
)

const places = 200

// Organisations are made from a place or a subject and a kind, in the
// shapes newspapers name them.
var (
	orgSubjects = strings.Fields(`Health Finance Energy Transport Justice Education Defence Labour Agriculture Housing Trade Environment Interior Culture Science`)
	orgShapes   = []string{
		"%P City Council", "%P Transit Authority", "Bank of %P", "%P University",
		"%P General Hospital", "National %S Agency", "Ministry of %S", "%P %S Board",
		"%P Water Company", "%L Group", "%P Chamber of Commerce", "%L Holdings",
		"%P Police Department", "%S Workers Union", "%P Port Authority", "%P Times",
	}
)

const organisations = 150

// table is a list of strings with how many words each counts as and a
// sampler: what an entry draws from.
type table struct {
	words []string
	count []int // words of each entry, as strings.Fields counts them
	pick  alias
}

func newTable(words []string, s, q float64) *table {
	t := &table{words: words, count: make([]int, len(words))}
	for i, w := range words {
		t.count[i] = len(strings.Fields(w))
	}
	t.pick = newZipf(len(words), s, q)
	return t
}

// draw is one entry of the table for a random number.
func (t *table) draw(x uint64) int { return t.pick.draw(x) }

// lists are the tables every generator shares: built once, read only.
type lists struct {
	function *table // function words
	content  *table // news and coined words
	verbs    *table // indexes into verbs
	people   *table
	last     []string // last name of each person
	places   *table
	orgs     *table
	roles    *table

	// rank is each vocabulary word's place in the Zipf order, from 0
	// (most frequent): Questions takes the rarest words of a title as
	// its keywords.
	rank  map[string]int
	stop  map[string]bool // function words
	verb3 map[string]string
}

var (
	listsOnce sync.Once
	shared    *lists
)

// vocabulary is the shared lists, made on first use so a program that
// imports the package and never generates pays nothing.
func vocabulary() *lists {
	listsOnce.Do(func() { shared = buildLists() })
	return shared
}

func buildLists() *lists {
	// A fixed stream: the lists are part of the package, not of a seed.
	r := rand.New(rand.NewPCG(0x73796e7468, 0x766f636162))
	seen := make(map[string]bool)
	var function, content []string
	for _, w := range functionWords {
		if !seen[w] {
			seen[w] = true
			function = append(function, w)
		}
	}
	for _, w := range newsWords {
		if !seen[w] {
			seen[w] = true
			content = append(content, w)
		}
	}
	for len(function)+len(content) < vocabularySize {
		prefix := coinPrefixes[r.IntN(len(coinPrefixes))]
		if r.IntN(4) == 0 {
			prefix = "" // "formation" beside "reformation"
		}
		w := prefix + coinRoots[r.IntN(len(coinRoots))] + coinSuffixes[r.IntN(len(coinSuffixes))]
		if len(w) < 5 || seen[w] {
			continue
		}
		seen[w] = true
		content = append(content, w)
	}

	l := &lists{
		rank:  make(map[string]int, vocabularySize),
		stop:  make(map[string]bool, len(function)),
		verb3: make(map[string]string, len(verbs)),
	}
	for i, w := range function {
		l.rank[w] = i
		l.stop[w] = true
	}
	for i, w := range content {
		l.rank[w] = len(function) + i
	}
	for _, v := range verbs {
		l.verb3[v[0]] = v[1]
	}
	// Function words make up about half of running text; the exponents
	// are near 1, Zipf's law for words, with an offset so the first few
	// do not swamp the rest.
	l.function = newTable(function, 1.0, 1.5)
	l.content = newTable(content, 1.1, 5)
	verb3 := make([]string, len(verbs))
	for i, v := range verbs {
		verb3[i] = v[0]
	}
	l.verbs = newTable(verb3, 0.8, 2)

	var names []string
	seenName := make(map[string]bool)
	for len(names) < people {
		f, s := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		if n := f + " " + s; !seenName[n] {
			seenName[n] = true
			names = append(names, n)
			l.last = append(l.last, s)
		}
	}
	// People are more skewed than words: a few are in the news daily.
	l.people = newTable(names, 1.1, 3)

	var towns []string
	for _, i := range r.Perm(len(placeHeads) * len(placeTails))[:places] {
		towns = append(towns, placeHeads[i/len(placeTails)]+placeTails[i%len(placeTails)])
	}
	l.places = newTable(towns, 1.0, 2)

	var orgs []string
	seenOrg := make(map[string]bool)
	for len(orgs) < organisations {
		o := orgShapes[r.IntN(len(orgShapes))]
		o = strings.ReplaceAll(o, "%P", towns[r.IntN(len(towns))])
		o = strings.ReplaceAll(o, "%S", orgSubjects[r.IntN(len(orgSubjects))])
		o = strings.ReplaceAll(o, "%L", lastNames[r.IntN(len(lastNames))])
		if !seenOrg[o] {
			seenOrg[o] = true
			orgs = append(orgs, o)
		}
	}
	l.orgs = newTable(orgs, 1.0, 2)
	l.roles = newTable(roles, 0.7, 1)
	return l
}

// alias draws from a fixed discrete distribution in constant time with
// 32 random bits (Vose's alias method): the text of a million entries is
// a hundred million draws, and rand.Zipf's rejection loop with its
// logarithms costs several times as much per draw. 16 bits pick a
// column and 16 decide between its two entries; the lists are far
// shorter than 65,536 and a probability off by 1/65,536 is far below
// what a benchmark can tell.
type alias struct {
	n    uint64
	cols []column // together, so a draw reads one cache line
}

type column struct {
	prob  uint32 // keep the column's own entry when the draw's second 16 bits are below prob, of 1<<16
	other uint32 // else this one
}

// newZipf is a Zipf-Mandelbrot distribution over n ranks: weight
// 1/(rank+q)^s.
func newZipf(n int, s, q float64) alias {
	if n > 1<<16 {
		panic("synth: a list too long to draw from")
	}
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = 1 / math.Pow(float64(i)+q, s)
		sum += w[i]
	}
	a := alias{n: uint64(n), cols: make([]column, n)}
	var small, large []int
	for i := range w {
		w[i] *= float64(n) / sum
		if w[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.cols[s] = column{prob: uint32(math.Round(w[s] * (1 << 16))), other: uint32(l)}
		w[l] -= 1 - w[s]
		if w[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	// What is left is full up to rounding: it keeps its own column.
	for _, i := range append(small, large...) {
		a.cols[i] = column{prob: 1 << 16, other: uint32(i)}
	}
	return a
}

// draw is an entry for the low 32 bits of x; the high 32 are left for
// the caller.
func (a *alias) draw(x uint64) int {
	i := (x & 0xffff) * a.n >> 16
	c := a.cols[i]
	if uint32(x>>16)&0xffff < c.prob {
		return int(i)
	}
	return int(c.other)
}
