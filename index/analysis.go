package index

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzer of every text field: bleve's English analyzer (possessives,
// lower case, stop words, Porter stemming) with two more steps, so that
// the forms of one word are one term. Irregular verbs are put in their
// base form before stemming ("sold" is "sell", "wrote" and "written" are
// "write"), which the stemmer cannot do; and a final "e" is dropped after
// it, since Porter stems "sue" to "sue" but "sued" to "su".
const (
	analyzerName  = "timeline_en"
	baseFormsName = "timeline_base_forms"
	finalEName    = "timeline_final_e"
)

func init() {
	register := func(name string, f analysis.TokenFilter) {
		if err := registry.RegisterTokenFilter(name, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		}); err != nil {
			panic(err) // a name registered twice is a programming error
		}
	}
	register(baseFormsName, mapFilter(baseForms()))
	register(finalEName, finalEFilter{})
}

// addAnalyzer adds the timeline analyzer to a mapping.
func addAnalyzer(m *mapping.IndexMappingImpl) error {
	return m.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, baseFormsName, porter.Name, finalEName},
	})
}

// irregular lists English verbs whose past forms the stemmer cannot bring
// back to the base: each line is the base, then its forms.
const irregular = `arise arose arisen
be was were been
bear bore borne born
beat beaten
become became
begin began begun
bend bent
bid bade
bite bit bitten
bleed bled
blow blew blown
break broke broken
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
come came
creep crept
deal dealt
dig dug
do did done
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed
feel felt
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go went gone
grow grew grown
hang hung
have had has
hear heard
hide hid hidden
hold held
hurt
keep kept
know knew known
lay laid
lead led
leave left
lend lent
lie lay lain
light lit
lose lost
make made
mean meant
meet met
oversee oversaw overseen
overtake overtook overtaken
pay paid
ride rode ridden
ring rang rung
rise rose risen
run ran
say said
see saw seen
seek sought
sell sold sale sales
send sent
shake shook shaken
shine shone
shoot shot
show shown
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
sleep slept
slide slid
speak spoke spoken
spend spent
spin spun
stand stood
steal stole stolen
stick stuck
sting stung
strike struck stricken
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
undertake undertook undertaken
understand understood
wake woke woken
wear wore worn
win won
withdraw withdrew withdrawn
write wrote written`

// baseForms maps each irregular form to its base.
func baseForms() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregular, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			// A form that is also another verb's base ("lay", "found",
			// "left") keeps its own meaning too; the past sense wins
			// only where it is not a base of the table.
			if _, taken := m[form]; !taken {
				m[form] = f[0]
			}
		}
	}
	for _, line := range strings.Split(irregular, "\n") {
		delete(m, strings.Fields(line)[0]) // a base stays itself
	}
	return m
}

// mapFilter replaces each term found in it.
type mapFilter map[string]string

func (m mapFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if base, ok := m[string(t.Term)]; ok {
			t.Term = []byte(base)
		}
	}
	return input
}

// finalEFilter drops a final "e" from terms of three letters or more.
type finalEFilter struct{}

func (finalEFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if n := len(t.Term); n >= 3 && t.Term[n-1] == 'e' && utf8.RuneCount(t.Term) >= 3 {
			t.Term = t.Term[:n-1]
		}
	}
	return input
}
