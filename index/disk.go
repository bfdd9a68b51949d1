package index

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/timelinebot/timelinebot/data"
)

// mappingVersion names the mapping and analysis a kept index was built
// with. Change it with either: every kept index is then rebuilt, not read
// with rules it was not made by.
const mappingVersion = "timelinebot-index-4"

// Open is Build with the index kept in dir, so that a restart with the
// same timeline opens it instead of building it again. An index there
// built from the same timeline with the same mapping is opened as it is;
// otherwise one is built, and marked whole only once it is closed, so a
// crash mid-build leaves an index that is never used, and removed. dir is
// one timeline's: other indexes in it are removed once this one is in
// place, unless they are open. An index open elsewhere (a reload, another
// process sharing dir) is never removed or rebuilt under its user: this
// index is then built in memory. It reports whether the kept index was
// reused.
//
// (The index is built where it stays: bleve's scorch index does not open
// again after its directory is renamed.)
func Open(ctx context.Context, dir string, tl *data.Timeline, progress func(done, total int)) (*Index, bool, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("index dir: %w", err)
	}
	key := keyOf(tl)
	path := filepath.Join(dir, "index-"+key)
	whole := filepath.Join(dir, "whole-"+key)
	// An index held open (a reload of the same timeline in this process,
	// another process sharing dir, or another open still building it)
	// is its user's: it is left as it is, and this one built in memory.
	inMemory := func() (*Index, bool, error) {
		ix, err := BuildReporting(ctx, tl, progress)
		return ix, false, err
	}
	if inUse(path) {
		return inMemory()
	}
	if _, err := os.Stat(whole); err == nil {
		ix, err := openKept(dir, key, tl)
		if err == nil {
			removeOthers(dir, key)
			return ix, true, nil
		}
		if errors.Is(err, bolterrors.ErrTimeout) {
			return inMemory() // opened elsewhere since inUse looked
		}
	}
	os.Remove(whole)
	os.RemoveAll(path)
	if err := buildKept(ctx, path, tl, progress); err != nil {
		os.RemoveAll(path)
		return nil, false, err
	}
	if err := os.WriteFile(whole, []byte(mappingVersion+"\n"), 0o600); err != nil {
		return nil, false, fmt.Errorf("index dir: %w", err)
	}
	ix, err := openKept(dir, key, tl)
	if err != nil {
		return nil, false, err
	}
	removeOthers(dir, key)
	return ix, false, nil
}

// scorchConfig makes a second process opening a kept index give up
// rather than wait on its lock for ever.
var scorchConfig = map[string]interface{}{"bolt_timeout": "2s"}

// openKept opens the index kept in dir under key.
func openKept(dir, key string, tl *data.Timeline) (*Index, error) {
	path := filepath.Join(dir, "index-"+key)
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	b, err := bleve.OpenUsing(path, scorchConfig)
	if err != nil {
		return nil, fmt.Errorf("open the kept index: %w", err)
	}
	ix, err := over(b, tl)
	if err == nil {
		err = ix.finish()
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	ix.keptDir, ix.keptKey = dir, key
	return ix, nil
}

// acronymsVersion names how acronyms are found (acronyms.go): a kept
// index stores them, so a change there must change the key.
const acronymsVersion = "acronyms-1"

// acronymsKey is where a kept index keeps the timeline's acronyms: finding
// them reads every event's text, a second of a restart at 100,000 entries.
var acronymsKey = []byte("timelinebot.acronyms")

// speakersKey is where a kept index keeps the people its timeline
// quotes: finding them again reads every quote's speaker.
var speakersKey = []byte("timelinebot.speakers")

// keepInternal stores v in the index, as JSON, under key.
func (ix *Index) keepInternal(key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err == nil {
		err = ix.bleve.SetInternal(key, raw)
	}
	if err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	return nil
}

// keptInternal reads what keepInternal stored under key into v,
// reporting whether the index had it.
func (ix *Index) keptInternal(key []byte, v any) bool {
	raw, err := ix.bleve.GetInternal(key)
	return err == nil && raw != nil && json.Unmarshal(raw, v) == nil
}

// keptSpeakers reads the speakers the index stores, reporting whether it
// had them.
func (ix *Index) keptSpeakers() ([]string, bool) {
	var speakers []string
	ok := ix.keptInternal(speakersKey, &speakers)
	return speakers, ok
}

// keepAcronyms finds the acronyms and stores them in the index.
func (ix *Index) keepAcronyms() error {
	ix.loadAcronyms()
	return ix.keepInternal(acronymsKey, ix.acronyms)
}

// vocabularyKey is where a kept index keeps its vocabulary: reading it
// from the fields' dictionaries reads each word's postings in each field.
var vocabularyKey = []byte("timelinebot.vocabulary")

// keepVocabulary reads the vocabulary from the index and stores it
// there: each word in order, as its length, bytes and count (uvarints).
func (ix *Index) keepVocabulary() error {
	if err := ix.loadVocabulary(); err != nil {
		return err
	}
	var raw []byte
	for _, w := range ix.words {
		raw = binary.AppendUvarint(raw, uint64(len(w)))
		raw = append(raw, w...)
		raw = binary.AppendUvarint(raw, uint64(ix.vocabulary[w]))
	}
	if err := ix.bleve.SetInternal(vocabularyKey, raw); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	return nil
}

// keptVocabulary reads the vocabulary the index stores, reporting
// whether it had one whole.
func (ix *Index) keptVocabulary() bool {
	raw, err := ix.bleve.GetInternal(vocabularyKey)
	if err != nil || raw == nil {
		return false
	}
	vocabulary := map[string]int{}
	var words []string
	for len(raw) > 0 {
		n, size := binary.Uvarint(raw)
		if size <= 0 || n > uint64(len(raw)-size) {
			return false
		}
		w := string(raw[size : size+int(n)])
		raw = raw[size+int(n):]
		count, size := binary.Uvarint(raw)
		if size <= 0 {
			return false
		}
		raw = raw[size:]
		vocabulary[w] = int(count)
		words = append(words, w)
	}
	if !slices.IsSorted(words) {
		return false
	}
	ix.vocabulary, ix.words = vocabulary, words
	return true
}

// keptAcronyms reads the acronyms the index stores, reporting whether it
// had them.
func (ix *Index) keptAcronyms() bool {
	var acronyms map[string]string
	if !ix.keptInternal(acronymsKey, &acronyms) {
		return false
	}
	ix.acronyms = acronyms
	return true
}

func buildKept(ctx context.Context, path string, tl *data.Timeline, progress func(done, total int)) error {
	m, err := newMapping()
	if err != nil {
		return err
	}
	b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, scorchConfig)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	ix, err := over(b, tl)
	if err == nil {
		err = ix.load(ctx, progress)
	}
	if err == nil {
		err = ix.keepAcronyms()
	}
	if err == nil {
		err = ix.keepVocabulary()
	}
	if err == nil {
		err = ix.keepInternal(speakersKey, ix.speakers())
	}
	if cerr := b.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("build index: %w", cerr)
	}
	return err
}

// removeOthers removes the indexes in dir, and their marks, other than
// key's.
func removeOthers(dir, key string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, partPrefix) {
			// Left by a crash, or being written by another process now:
			// an hour old, it is the first.
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(dir, name))
			}
			continue
		}
		kept := strings.HasPrefix(name, "index-") || strings.HasPrefix(name, "whole-") || strings.HasPrefix(name, "timeline-")
		if kept && !strings.HasSuffix(name, "-"+key) {
			_, other, _ := strings.Cut(name, "-")
			if inUse(filepath.Join(dir, "index-"+other)) {
				// Still serving, as a reload's old index does for a
				// while: the next start removes it.
				continue
			}
			os.RemoveAll(filepath.Join(dir, name))
		}
	}
}

// keyOf is a hash of what the index is built from: the rules it is
// built by and every indexed field of every event, written field by field
// into the hash so a big timeline is never one string.
func keyOf(tl *data.Timeline) string {
	h := sha256.New()
	var buf []byte // reused: a big timeline is millions of fields
	field := func(h hash.Hash, s string) {
		// Lengths first, so that no two timelines write the same bytes.
		buf = strconv.AppendInt(buf[:0], int64(len(s)), 10)
		buf = append(append(buf, ':'), s...)
		h.Write(buf)
	}
	field(h, rules())
	for _, g := range tl.Synonyms {
		field(h, strings.Join(g, "\x00"))
	}
	for _, e := range tl.Events {
		field(h, e.ID)
		field(h, e.Title)
		field(h, e.Text)
		// Each list's length first, so that a date is never read as
		// a quote.
		field(h, strconv.Itoa(len(e.Dates)))
		for _, d := range e.Dates {
			field(h, d.String())
		}
		field(h, strconv.Itoa(len(e.Quotes)))
		for _, q := range e.Quotes {
			field(h, q.By)
			field(h, q.Text)
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// rules is a hash of how an index is built, beyond the timeline: the
// mapping's version, which a person bumps, and what the analysis does,
// which may change without it: the mapping as bleve writes it, the verb
// table the analyzer uses, how acronyms are found. An index kept under
// other rules, or a timeline kept beside it, is not used.
var rules = sync.OnceValue(func() string {
	h := sha256.New()
	for _, part := range []string{mappingVersion, mappingJSON(), irregular, acronymsVersion} {
		fmt.Fprintf(h, "%d:%s", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
})

func mappingJSON() string {
	m, err := newMapping()
	if err != nil {
		return ""
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(raw)
}

// inUse reports whether the scorch index at path is open: its root file
// (store/root.bolt) is locked, which a shared lock taken without waiting
// finds.
func inUse(path string) bool {
	db, err := bbolt.Open(filepath.Join(path, "store", "root.bolt"), 0o600, &bbolt.Options{ReadOnly: true, Timeout: 10 * time.Millisecond})
	if err != nil {
		return errors.Is(err, bolterrors.ErrTimeout)
	}
	db.Close()
	return false
}
