package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/timelinebot/timelinebot/data"
)

// Stamp names one version of a timeline's file without reading it: its
// size and modification time, and how it is read (its format, and the
// version of the program, which may read it otherwise). A restart whose
// file has the stamp a kept index was built from reads neither the file
// nor its JSON (Reopen). A file rewritten with the same size in the same
// nanosecond looks unchanged, as it does to make and rsync.
type Stamp struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mod_time"` // Unix nanoseconds
	Reader  string `json:"reader"`
}

// StampOf stamps the regular file at path, read as reader says. Stamp a
// file before reading it: a change made while it is read then leaves the
// kept copy under the older stamp, which the next start finds changed.
// Anything but a regular file (a pipe, a device) has no stamp.
func StampOf(path, reader string) (Stamp, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Stamp{}, err
	}
	if !info.Mode().IsRegular() {
		return Stamp{}, fmt.Errorf("%s is not a regular file", path)
	}
	return Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Reader: reader}, nil
}

// keptFile is what dir says of the timeline kept there: the stamp of the
// file it was read from, the key of its index, and the rules the index
// was built by (see rules).
type keptFile struct {
	Stamp Stamp  `json:"stamp"`
	Key   string `json:"key"`
	Rules string `json:"rules"`
}

const keptName = "kept.json"

// readKept reads what dir says of the timeline kept there; a record that
// is missing or does not read says nothing (the zero keptFile).
func readKept(dir string) (keptFile, error) {
	var kept keptFile
	raw, err := os.ReadFile(filepath.Join(dir, keptName))
	if errors.Is(err, os.ErrNotExist) {
		return kept, nil
	}
	if err != nil {
		return kept, err
	}
	if json.Unmarshal(raw, &kept) != nil {
		return keptFile{}, nil
	}
	return kept, nil
}

// partPrefix begins the name of a file being written; one left by a
// crash is removed by a later start (removeOthers).
const partPrefix = ".part-"

// ErrNotKept means dir keeps no index and timeline for a file with that
// stamp: the file must be read, and the index opened with Open.
var ErrNotKept = errors.New("no kept timeline for that file")

// Reopen opens the index kept in dir for the timeline file with that
// stamp, with the timeline kept beside it in its binary form: a restart
// with an unchanged file reads neither the file nor its JSON. Any error
// means Open must be used instead: ErrNotKept when nothing is kept for
// that stamp, another when what is kept cannot be used now (an index held
// open by another process, a damaged file).
func Reopen(dir string, stamp Stamp) (*Index, error) {
	kept, err := readKept(dir)
	if err != nil {
		return nil, fmt.Errorf("reopen the kept index: %w", err)
	}
	if kept.Stamp != stamp || kept.Key == "" || kept.Rules != rules() {
		return nil, ErrNotKept
	}
	if _, err := os.Stat(filepath.Join(dir, "whole-"+kept.Key)); err != nil {
		return nil, ErrNotKept
	}
	if path := filepath.Join(dir, "index-"+kept.Key); inUse(path) {
		return nil, fmt.Errorf("reopen the kept index: %s is in use", path)
	}
	tl, err := data.MapBinary(filepath.Join(dir, "timeline-"+kept.Key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotKept
	}
	if errors.Is(err, data.ErrBinary) {
		// Damaged: the next KeepTimeline writes it anew.
		os.Remove(filepath.Join(dir, keptName))
	}
	if err != nil {
		return nil, fmt.Errorf("reopen the kept index: %w", err)
	}
	return openKept(dir, kept.Key, tl)
}

// KeepTimeline keeps a kept index's timeline beside it, in its binary
// form, and records that the file with that stamp is it, for Reopen; it
// does nothing for an index in memory. The binary form is written first,
// whole, then the record, so a crash between the two leaves the last
// record, which names files that are whole. It is written again for any
// new stamp: the key covers only what is indexed, and a new title or
// source is the same index of another timeline.
func (ix *Index) KeepTimeline(stamp Stamp) error {
	if ix.keptKey == "" {
		return nil
	}
	dir := ix.keptDir
	want := keptFile{Stamp: stamp, Key: ix.keptKey, Rules: rules()}
	bin := filepath.Join(dir, "timeline-"+ix.keptKey)
	if kept, err := readKept(dir); err == nil && kept == want {
		if _, err := os.Stat(bin); err == nil {
			return nil
		}
	}
	err := writeWhole(bin, func(w io.Writer) error {
		return data.WriteBinary(w, ix.timeline)
	})
	if err == nil {
		err = writeWhole(filepath.Join(dir, keptName), func(w io.Writer) error {
			return json.NewEncoder(w).Encode(want)
		})
	}
	if err != nil {
		return fmt.Errorf("keep the timeline: %w", err)
	}
	return nil
}

// writeWhole writes the file at path whole or not at all: to a file
// beside it (partPrefix), synced, then renamed over it. A file another
// process has open or mapped keeps its bytes.
func writeWhole(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), partPrefix+"*")
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	// The rename itself is kept by syncing the directory (where it can
	// be: not on every platform), so the record never outlasts a crash
	// that lost the file it names.
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
