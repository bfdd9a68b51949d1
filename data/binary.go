package data

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"time"
	"unsafe"

	"github.com/blevesearch/mmap-go"
)

// The binary form of a timeline is what a restart reads instead of the
// timeline's file: a million entries are 700 MB of JSON, which took ten
// seconds to read, decode and check, where the binary form is mapped and
// its strings are the mapped bytes, never copied.
//
// It is a magic line; the length of the table, a uvarint; the table: the
// timeline field by field, every number a varint, a string as its
// length, a list as its length and items; then the strings' bytes, in
// the same order; last, the CRC-32C of all before it. The counts of all
// events' dates and quotes come before the events, so that each list is
// one allocation. Reading the table alone, a few bytes an event, walks
// the file's structure without touching the text, which is what a
// restart's time went to when lengths and text were interleaved (a cache
// miss for every field of a million entries).
const binaryMagic = "timelinebot binary timeline 3\n"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// crcWriter writes through to w, keeping the CRC of what it wrote.
type crcWriter struct {
	w   io.Writer
	crc uint32
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.crc = crc32.Update(c.crc, crcTable, p)
	return c.w.Write(p)
}

// walkBinary visits tl in the binary form's order: num for each number
// of the table, str for each string.
func walkBinary(tl *Timeline, num func(int), str func(string)) {
	date := func(d Date) {
		for _, n := range []int{d.Year, int(d.Month), d.Day, d.EndYear, int(d.EndMonth), d.EndDay} {
			num(n)
		}
	}
	str(tl.Title)
	str(tl.Source.Name)
	str(tl.Source.URL)
	if p := tl.Source.Published; p != nil {
		num(1)
		date(*p)
	} else {
		num(0)
	}
	str(tl.Source.Copyright)
	str(tl.Lede)
	num(len(tl.Synonyms))
	for _, g := range tl.Synonyms {
		num(len(g))
		for _, s := range g {
			str(s)
		}
	}
	num(len(tl.Examples))
	for _, s := range tl.Examples {
		str(s)
	}
	var dates, quotes int
	for _, e := range tl.Events {
		dates += len(e.Dates)
		quotes += len(e.Quotes)
	}
	num(len(tl.Events))
	num(dates)
	num(quotes)
	for _, e := range tl.Events {
		str(e.ID)
		num(len(e.Dates))
		for _, d := range e.Dates {
			date(d)
		}
		str(e.Title)
		str(e.Text)
		num(len(e.Quotes))
		for _, q := range e.Quotes {
			str(q.By)
			str(q.Text)
		}
	}
}

// WriteBinary writes tl in the binary form MapBinary reads. tl must be
// valid: it is written as it is, and read back without checks beyond
// the form's own.
func WriteBinary(w io.Writer, tl *Timeline) error {
	var table []byte
	walkBinary(tl, func(n int) { table = binary.AppendVarint(table, int64(n)) },
		func(s string) { table = binary.AppendVarint(table, int64(len(s))) })
	cw := &crcWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	bw.WriteString(binaryMagic)
	bw.Write(binary.AppendUvarint(nil, uint64(len(table))))
	bw.Write(table)
	walkBinary(tl, func(int) {}, func(s string) { bw.WriteString(s) })
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, cw.crc))
	return err
}

// ErrBinary means a file is not a whole binary timeline.
var ErrBinary = errors.New("not a binary timeline")

// MapBinary maps the binary timeline at path, written by WriteBinary, and
// reads the timeline it holds. The timeline's strings are the mapped
// bytes: the mapping is read-only and is never unmapped, since any string
// of the timeline may be held anywhere, so the file must be replaced by
// renaming, never rewritten in place. A file
// that is not a whole binary timeline is ErrBinary.
func MapBinary(path string) (*Timeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the mapping outlives the file
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() < int64(len(binaryMagic))+crc32.Size {
		return nil, fmt.Errorf("%s: %w", path, ErrBinary)
	}
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	tl, err := decodeBinary(m)
	if err != nil {
		m.Unmap() // nothing of it was kept
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tl, nil
}

// binaryReader reads the binary form's table, and its strings from the
// bytes after it, each step checked against the bytes that are there: a
// damaged file is an error, never a panic.
type binaryReader struct {
	table, strings []byte
	at, strAt      int
	err            error
}

func (r *binaryReader) num() int {
	if r.err != nil {
		return 0
	}
	n, size := binary.Varint(r.table[r.at:])
	if size <= 0 || n != int64(int(n)) {
		r.err = ErrBinary
		return 0
	}
	r.at += size
	return int(n)
}

// count is the length of a list whose items take at least size bytes
// of the table each: no more than the bytes left hold.
func (r *binaryReader) count(size int) int {
	n := r.num()
	if n < 0 || n > (len(r.table)-r.at)/size {
		r.fail()
		return 0
	}
	return n
}

func (r *binaryReader) fail() {
	if r.err == nil {
		r.err = ErrBinary
	}
}

// str is the next string, the mapped bytes themselves.
func (r *binaryReader) str() string {
	n := r.num()
	if r.err != nil || n < 0 || n > len(r.strings)-r.strAt {
		r.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.strings[r.strAt], n)
	r.strAt += n
	return s
}

// date is the next date, which must be one a timeline may have.
func (r *binaryReader) date() Date {
	d := Date{Year: r.num(), Month: time.Month(r.num()), Day: r.num(), EndYear: r.num(), EndMonth: time.Month(r.num()), EndDay: r.num()}
	if r.err == nil && !d.valid() {
		r.fail()
	}
	return d
}

// valid reports whether d is a date ParseDate reads.
func (d Date) valid() bool {
	point := func(year int, month time.Month, day int) bool {
		return year >= MinYear && year <= MaxYear && month >= 0 && month <= time.December &&
			(day == 0 || month != 0 && day >= 1 && day <= daysIn(year, month))
	}
	if !point(d.Year, d.Month, d.Day) {
		return false
	}
	if !d.IsSpan() {
		return d.EndMonth == 0 && d.EndDay == 0
	}
	if !point(d.EndYear, d.EndMonth, d.EndDay) {
		return false
	}
	// As ParseDate: a span ends after it starts, and is not one date
	// written twice.
	firstStart, firstEnd := d.first().Nanos()
	lastStart, lastEnd := d.last().Nanos()
	return lastEnd > firstStart && (lastStart != firstStart || lastEnd != firstEnd)
}

// Smallest encodings of a list's items in the table, for the counts'
// bounds.
const (
	minEncodedSynonym = 1  // a group's count
	minEncodedString  = 1  // a length
	minEncodedEvent   = 11 // id, dates, a date, title, text, quotes
	minEncodedDate    = 6
	minEncodedQuote   = 2
)

func decodeBinary(b []byte) (*Timeline, error) {
	// The file may have changed since its size was checked.
	if len(b) < len(binaryMagic)+crc32.Size || string(b[:len(binaryMagic)]) != binaryMagic {
		return nil, ErrBinary
	}
	body, sum := b[:len(b)-crc32.Size], b[len(b)-crc32.Size:]
	// The checksum is summed on another core while the table is read;
	// what was read counts only if it matches.
	summed := make(chan bool, 1)
	go func() { summed <- crc32.Checksum(body, crcTable) == binary.LittleEndian.Uint32(sum) }()
	tl, err := decodeBody(body[len(binaryMagic):])
	if !<-summed {
		return nil, ErrBinary
	}
	return tl, err
}

// decodeBody reads the table's length, the table, and the strings after.
func decodeBody(body []byte) (*Timeline, error) {
	size, n := binary.Uvarint(body)
	if n <= 0 || size > uint64(len(body)-n) {
		return nil, ErrBinary
	}
	r := &binaryReader{table: body[n : n+int(size)], strings: body[n+int(size):]}
	tl := &Timeline{Title: r.str()}
	tl.Source.Name = r.str()
	tl.Source.URL = r.str()
	if r.num() == 1 {
		d := r.date()
		tl.Source.Published = &d
	}
	tl.Source.Copyright = r.str()
	tl.Lede = r.str()
	if n := r.count(minEncodedSynonym); n > 0 {
		tl.Synonyms = make([][]string, n)
		for i := range tl.Synonyms {
			g := make([]string, r.count(minEncodedString))
			for j := range g {
				g[j] = r.str()
			}
			tl.Synonyms[i] = g
		}
	}
	if n := r.count(minEncodedString); n > 0 {
		tl.Examples = make([]string, n)
		for i := range tl.Examples {
			tl.Examples[i] = r.str()
		}
	}
	tl.Events = make([]Event, r.count(minEncodedEvent))
	dates := make([]Date, 0, r.count(minEncodedDate))
	quotes := make([]Quote, 0, r.count(minEncodedQuote))
	for i := range tl.Events {
		e := &tl.Events[i]
		e.ID = r.str()
		n := r.count(minEncodedDate)
		if n == 0 || len(dates)+n > cap(dates) { // every event has a date
			r.fail()
			break
		}
		for range n {
			dates = append(dates, r.date())
		}
		e.Dates = dates[len(dates)-n : len(dates) : len(dates)]
		e.Title = r.str()
		e.Text = r.str()
		if n := r.count(minEncodedQuote); n > 0 {
			if len(quotes)+n > cap(quotes) {
				r.fail()
				break
			}
			for range n {
				quotes = append(quotes, Quote{By: r.str(), Text: r.str()})
			}
			e.Quotes = quotes[len(quotes)-n : len(quotes) : len(quotes)]
		}
		if r.err != nil {
			break
		}
	}
	if r.err == nil && (r.at != len(r.table) || r.strAt != len(r.strings) || len(tl.Events) == 0) {
		r.fail() // more than was written, or no timeline
	}
	if r.err != nil {
		return nil, r.err
	}
	return tl, nil
}
