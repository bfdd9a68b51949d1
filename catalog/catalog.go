package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/answer"
)

// Shared is the guild of the operator's timelines: seen from every server
// and in DMs.
const Shared = ""

// MaxName is the longest timeline name: a name travels in buttons'
// custom ids, beside an event id of up to 64 characters, within Discord's
// 100.
const MaxName = 20

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// CheckName says what is wrong with a timeline name, if anything.
func CheckName(name string) error {
	if len(name) > MaxName || !namePattern.MatchString(name) {
		return fmt.Errorf("a timeline name is 1 to %d lowercase letters, digits and dashes, starting with a letter or digit: %q is not", MaxName, name)
	}
	return nil
}

// NameOf makes a name from a file name or a title: "Apollo 13.json" is
// "apollo-13".
func NameOf(s string) string {
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndex(s, "."); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if b.Len() >= MaxName {
			break
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	name := strings.TrimRight(b.String()[:min(b.Len(), MaxName)], "-")
	if name == "" {
		return "timeline"
	}
	return name
}

// Entry is one timeline of the catalog.
type Entry struct {
	Guild  string // Shared, or the server that uploaded it
	Name   string
	Engine *answer.Engine
}

// Title is the timeline's own title.
func (e Entry) Title() string { return e.Engine.Timeline().Title }

// ErrNameTaken is a server's upload named as one of the operator's.
var ErrNameTaken = errors.New("the name is taken by a timeline every server shares")

// Catalog is the set of timelines; safe for concurrent use. An entry's
// engine is replaced whole: an answer under way finishes with the old
// one.
type Catalog struct {
	mu      sync.RWMutex
	entries map[key]*answer.Engine
}

type key struct{ guild, name string }

// New returns an empty catalog.
func New() *Catalog { return &Catalog{entries: map[key]*answer.Engine{}} }

// Put adds or replaces a timeline and returns the engine it replaced, or
// nil. A server's timeline may not take the name of a shared one.
func (c *Catalog) Put(guild, name string, e *answer.Engine) (*answer.Engine, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if guild != Shared {
		if _, taken := c.entries[key{Shared, name}]; taken {
			return nil, fmt.Errorf("%q: %w", name, ErrNameTaken)
		}
	}
	old := c.entries[key{guild, name}]
	c.entries[key{guild, name}] = e
	return old, nil
}

// Remove takes a timeline out and returns its engine, or nil.
func (c *Catalog) Remove(guild, name string) *answer.Engine {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.entries[key{guild, name}]
	delete(c.entries, key{guild, name})
	return old
}

// Lookup is the timeline called name that guild sees: its own, or a
// shared one. Another server's is never found.
func (c *Catalog) Lookup(guild, name string) (Entry, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, g := range visibleGuilds(guild) {
		if e, ok := c.entries[key{g, name}]; ok {
			return Entry{Guild: g, Name: name, Engine: e}, true
		}
	}
	return Entry{}, false
}

// Visible are the timelines guild sees, the shared ones first, each group
// by name.
func (c *Catalog) Visible(guild string) []Entry {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []Entry
	for _, g := range visibleGuilds(guild) {
		var group []Entry
		for k, e := range c.entries {
			if k.guild == g {
				group = append(group, Entry{Guild: g, Name: k.name, Engine: e})
			}
		}
		slices.SortFunc(group, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, group...)
	}
	return out
}

// Own are the timelines a server uploaded.
func (c *Catalog) Own(guild string) []Entry {
	var out []Entry
	for _, e := range c.Visible(guild) {
		if e.Guild == guild && guild != Shared {
			out = append(out, e)
		}
	}
	return out
}

func visibleGuilds(guild string) []string {
	if guild == Shared {
		return []string{Shared}
	}
	return []string{Shared, guild}
}

// Named finds a timeline a question names at its start, "in the Apollo
// 13 timeline, when did ...", among what guild sees, by its title or its
// name, and returns it with the rest of the question.
func (c *Catalog) Named(guild, question string) (Entry, string, bool) {
	q := strings.TrimSpace(question)
	for _, lead := range []string{"in the ", "in ", "from the ", "from ", "about the ", "about "} {
		rest, ok := cutPrefixFold(q, lead)
		if !ok {
			continue
		}
		for _, e := range c.Visible(guild) {
			for _, label := range []string{e.Title(), e.Name} {
				for _, tail := range []string{" timeline", ""} {
					after, ok := cutPrefixFold(rest, label+tail)
					if !ok {
						continue
					}
					// The name ends where a word ends: "in Apollo 13"
					// is not "in Apollo 130".
					if r, _ := utf8.DecodeRuneInString(after); after != "" && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
						continue
					}
					if after = strings.TrimLeft(after, " ,:;"); after != "" {
						return e, after, true
					}
				}
			}
		}
	}
	return Entry{}, question, false
}

// cutPrefixFold is strings.CutPrefix ignoring case, rune by rune, so that
// a letter whose lower case is longer or shorter in bytes ("Ⱥ", "İ")
// still cuts s where the prefix ends in s.
func cutPrefixFold(s, prefix string) (string, bool) {
	for prefix != "" {
		if s == "" {
			return "", false
		}
		pr, pn := utf8.DecodeRuneInString(prefix)
		sr, sn := utf8.DecodeRuneInString(s)
		if pr != sr && !strings.EqualFold(string(pr), string(sr)) {
			return "", false
		}
		prefix, s = prefix[pn:], s[sn:]
	}
	return s, true
}
