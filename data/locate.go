package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// schema is the shape of a timeline file, for finding the fields it does
// not know: each object kind's fields, and the kind each holds.
var schema = map[string]map[string]string{
	"timeline": {"title": "", "source": "source", "lede": "", "events": "[]event", "synonyms": "[][]", "examples": "[]"},
	"source":   {"name": "", "url": "", "published": "", "copyright": ""},
	"event":    {"id": "", "dates": "[]", "title": "", "text": "", "quotes": "[]quote"},
	"quote":    {"by": "", "text": ""},
}

// located is what a pass over the file's tokens finds: where each value
// starts, by path ("events[1].dates[0]"), and the fields the schema does
// not know.
type located struct {
	offsets map[string]int64
	unknown []unknownField
}

type unknownField struct {
	path   string // the object's path: "", "source", "events[2]"
	kind   string // "timeline", "source", "event", "quote"
	name   string
	offset int64
}

// locate reads the file's tokens once and records where every value is.
func locate(raw []byte) (*located, error) {
	l := &located{offsets: map[string]int64{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := l.walk(raw, dec, "", "timeline"); err != nil {
		return nil, err
	}
	return l, nil
}

// start is the offset where the next value begins: past white space and
// the separators the decoder has not consumed.
func start(raw []byte, dec *json.Decoder) int64 {
	off := dec.InputOffset()
	for off < int64(len(raw)) && bytes.IndexByte([]byte(" \t\r\n,:"), raw[off]) >= 0 {
		off++
	}
	return off
}

func (l *located) walk(raw []byte, dec *json.Decoder, path, kind string) error {
	l.offsets[path] = start(raw, dec)
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		fields := schema[kind]
		for dec.More() {
			keyAt := start(raw, dec)
			key, err := dec.Token()
			if err != nil {
				return err
			}
			name, _ := key.(string)
			child, known := fields[name]
			if fields != nil && !known {
				l.unknown = append(l.unknown, unknownField{path: path, kind: kind, name: name, offset: keyAt})
			}
			if err := l.walk(raw, dec, join(path, name), child); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	case json.Delim('['):
		elem := ""
		if len(kind) > 2 && kind[:2] == "[]" {
			elem = kind[2:]
		}
		for i := 0; dec.More(); i++ {
			if err := l.walk(raw, dec, fmt.Sprintf("%s[%d]", path, i), elem); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// position is the line and column, from 1, of a byte offset: the column
// counts characters, as an editor does.
func position(raw []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(raw))))
	before := raw[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[lineStart:]) + 1
	return line, col
}

// shapeError says what is wrong with a file that is not one JSON object,
// or is not JSON, with where.
func shapeError(raw []byte, err error) *FieldError {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		// The offset is just past the character that broke the syntax.
		line, col := position(raw, syntax.Offset-1)
		return &FieldError{Event: -1, Line: line, Col: col, Msg: "invalid JSON: " + syntax.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if len(bytes.TrimSpace(raw)) == 0 {
			return &FieldError{Event: -1, Msg: "the file is empty"}
		}
		line, col := position(raw, int64(len(raw)))
		return &FieldError{Event: -1, Line: line, Col: col, Msg: "invalid JSON: the file ends in the middle of a value"}
	}
	return &FieldError{Event: -1, Msg: err.Error()}
}

// knownKeysOnly reports whether every key of every object in raw, which
// must be valid JSON, is a field the schema has for that object, reading
// the bytes once and decoding no value: the check a valid file pays for,
// where locate, which places every value, is paid only by a file with a
// problem to place. A key written with an escape is not compared: the
// answer is then false, and locate decides.
func knownKeysOnly(raw []byte) bool {
	s := keyScanner{raw: raw}
	return s.value("timeline")
}

type keyScanner struct {
	raw []byte
	i   int
}

func (s *keyScanner) space() {
	for s.i < len(s.raw) && (s.raw[s.i] == ' ' || s.raw[s.i] == '\t' || s.raw[s.i] == '\r' || s.raw[s.i] == '\n') {
		s.i++
	}
}

// value skips the value at s.i, checking the keys of the objects in it;
// kind is the schema's kind of the value.
func (s *keyScanner) value(kind string) bool {
	s.space()
	if s.i >= len(s.raw) {
		return false
	}
	switch s.raw[s.i] {
	case '{':
		return s.object(kind)
	case '[':
		elem := ""
		if len(kind) > 2 && kind[:2] == "[]" {
			elem = kind[2:]
		}
		s.i++
		for {
			s.space()
			if s.i < len(s.raw) && s.raw[s.i] == ']' {
				s.i++
				return true
			}
			if !s.value(elem) {
				return false
			}
			s.space()
			if s.i < len(s.raw) && s.raw[s.i] == ',' {
				s.i++
			}
		}
	case '"':
		_, ok := s.str()
		return ok
	}
	for s.i < len(s.raw) && bytes.IndexByte([]byte(" \t\r\n,]}"), s.raw[s.i]) < 0 {
		s.i++
	}
	return true
}

func (s *keyScanner) object(kind string) bool {
	fields := schema[kind]
	s.i++
	for {
		s.space()
		if s.i >= len(s.raw) {
			return false
		}
		if s.raw[s.i] == '}' {
			s.i++
			return true
		}
		key, ok := s.str()
		if !ok || bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		child, known := fields[string(key)]
		if fields != nil && !known {
			return false
		}
		s.space()
		if s.i >= len(s.raw) || s.raw[s.i] != ':' {
			return false
		}
		s.i++
		if !s.value(child) {
			return false
		}
		s.space()
		if s.i < len(s.raw) && s.raw[s.i] == ',' {
			s.i++
		}
	}
}

// str reads the string at s.i, returning its bytes as written, between
// the quotes.
func (s *keyScanner) str() ([]byte, bool) {
	if s.i >= len(s.raw) || s.raw[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	for j := start; j < len(s.raw); j++ {
		switch s.raw[j] {
		case '\\':
			j++
		case '"':
			s.i = j + 1
			return s.raw[start:j], true
		}
	}
	return nil, false
}
