package synth

import (
	"bufio"
	"io"
	"runtime"
	"sync"

	"github.com/timelinebot/timelinebot/data"
)

// Write writes the timeline Generate(o) makes, as the project's JSON
// timeline file, one entry a line. It never holds the whole timeline:
// entries are made a few chunks at a time, encoded and written, so a
// million entries stream in the memory of a few thousand.
func Write(w io.Writer, o Options) error {
	o = o.normal()
	p := newPlan(o)
	bw := bufio.NewWriterSize(w, 1<<20)

	tl := header(o)
	var b []byte
	b = append(b, `{"title":`...)
	b = appendString(b, tl.Title)
	b = append(b, `,"source":{"name":`...)
	b = appendString(b, tl.Source.Name)
	b = append(b, `},"lede":`...)
	b = appendString(b, tl.Lede)
	b = append(b, `,"events":[`...)
	if _, err := bw.Write(b); err != nil {
		return err
	}

	// A batch of chunks is made and encoded in parallel, one a worker,
	// then written in order: the bytes are those of one worker.
	chunks := (o.Events + chunkSize - 1) / chunkSize
	workers := min(runtime.GOMAXPROCS(0), chunks)
	type worker struct {
		g      *gen
		events []data.Event
		out    []byte
	}
	ws := make([]worker, workers)
	for i := range ws {
		ws[i] = worker{g: newGen(p), events: make([]data.Event, chunkSize)}
	}
	for k0 := 0; k0 < chunks; k0 += workers {
		var wg sync.WaitGroup
		for i := range ws {
			k := k0 + i
			if k >= chunks {
				break
			}
			wg.Go(func() {
				wk := &ws[i]
				lo := k * chunkSize
				events := wk.events[:min(chunkSize, o.Events-lo)]
				wk.g.chunk(k, events)
				wk.out = wk.out[:0]
				for j := range events {
					if lo+j > 0 {
						wk.out = append(wk.out, ',')
					}
					wk.out = append(wk.out, '\n')
					wk.out = appendEvent(wk.out, &events[j])
				}
			})
		}
		wg.Wait()
		for i := range ws {
			if k0+i >= chunks {
				break
			}
			if _, err := bw.Write(ws[i].out); err != nil {
				return err
			}
		}
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// appendEvent is the entry as the timeline file has it. Written by hand,
// not by encoding/json, because reflection would be most of the cost of
// writing a million entries.
func appendEvent(b []byte, e *data.Event) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"dates":[`...)
	for i, d := range e.Dates {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = appendDate(b, d)
		b = append(b, '"')
	}
	b = append(b, `],"title":`...)
	b = appendString(b, e.Title)
	b = append(b, `,"text":`...)
	b = appendString(b, e.Text)
	if len(e.Quotes) > 0 {
		b = append(b, `,"quotes":[`...)
		for i, q := range e.Quotes {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"by":`...)
			b = appendString(b, q.By)
			b = append(b, `,"text":`...)
			b = appendString(b, q.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendDate is d.String() without fmt: "2016-02-28", "2016-02" or
// "2016". Synthetic dates are never spans.
func appendDate(b []byte, d data.Date) []byte {
	if d.IsSpan() {
		return append(b, d.String()...)
	}
	b = appendDigits(b, d.Year, 4)
	if d.Month != 0 {
		b = append(b, '-')
		b = appendDigits(b, int(d.Month), 2)
		if d.Day != 0 {
			b = append(b, '-')
			b = appendDigits(b, d.Day, 2)
		}
	}
	return b
}

// appendDigits writes v, 0 <= v, in at least width digits.
func appendDigits(b []byte, v, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v > 0 || i > len(tmp)-width {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[i:]...)
}

const hex = "0123456789abcdef"

// appendString is s as a JSON string. It escapes what JSON requires and
// nothing else; the text is valid UTF-8, so other bytes pass as they are.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
