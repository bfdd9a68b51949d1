package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/formats"
)

// formatNames are the formats, as --format takes them.
func formatNames() string {
	var names []string
	for _, f := range formats.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// checkFormat says what is wrong with a --format value, if anything.
func checkFormat(f string) error {
	for _, known := range formats.Formats() {
		if string(known) == f {
			return nil
		}
	}
	return fmt.Errorf("want one of %s", formatNames())
}

// readTimeline reads a timeline in any format: format as given, else
// detected from the name and the first bytes. The project's JSON is read
// by data, for its errors' lines and columns; others by formats.
func readTimeline(name string, raw []byte, format string) (*data.Timeline, formats.Report, error) {
	f := formats.Format(format)
	if f == "" {
		var ok bool
		if f, ok = formats.Detect(name, raw[:min(len(raw), 4096)]); !ok {
			return nil, formats.Report{}, fmt.Errorf("%s: cannot tell its format; say it with --format (%s)", name, formatNames())
		}
	}
	if f == formats.JSON {
		tl, problems := data.Check(raw)
		if len(problems) > 0 {
			return nil, formats.Report{}, fmt.Errorf("%s: %w", name, problems[0])
		}
		return tl, formats.Report{Events: len(tl.Events)}, nil
	}
	tl, report, err := formats.Import(bytes.NewReader(raw), f, formats.Options{})
	if err != nil {
		return nil, report, fmt.Errorf("%s (%s): %w", name, f, err)
	}
	return tl, report, nil
}

// readFile reads a timeline file of at most maxBytes, "-" standard input.
func readFile(path string, stdin io.Reader, maxBytes int64) ([]byte, error) {
	if path != "-" {
		return data.ReadLimited(path, maxBytes)
	}
	raw, err := io.ReadAll(io.LimitReader(stdin, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > maxBytes {
		return nil, fmt.Errorf("standard input: more than the %d bytes a timeline may have (TIMELINE_MAX_BYTES)", maxBytes)
	}
	return raw, nil
}

// runImport writes a timeline of any format as the project's own JSON,
// and what the import skipped, and why, on standard error.
func runImport(_ context.Context, inv *invocation, args []string) error {
	path := args[0]
	inv.query = path
	raw, err := readFile(path, inv.stdin, inv.cfg.MaxBytes)
	if err != nil {
		return &timelineError{err}
	}
	tl, report, err := readTimeline(path, raw, inv.cfg.Format)
	if err != nil {
		return &timelineError{err}
	}
	for _, s := range report.Skipped {
		where := path
		if s.Line > 0 {
			where = fmt.Sprintf("%s: line %d", path, s.Line)
		}
		fmt.Fprintf(inv.stderr, "%s: skipped %s: %s\n", where, s.What, s.Why)
	}
	return formats.Export(inv.stdout, tl, formats.JSON)
}

// exportFormats are the formats export writes.
var exportFormats = []formats.Format{formats.TimelineJS, formats.ICS, formats.Markdown, formats.JSON}

// runExport writes the timeline it would answer from in a published form.
func runExport(_ context.Context, inv *invocation, _ []string) error {
	f := formats.Format(inv.cfg.Format)
	if f == "" {
		return usagef("export needs --format: timelinejs, ics, markdown or json")
	}
	ok := false
	for _, e := range exportFormats {
		ok = ok || e == f
	}
	if !ok {
		return usagef("export writes timelinejs, ics, markdown or json, not %s", f)
	}
	// The format names what is written here, not what is read.
	tl, err := loadTimelineAs(inv.cfg.TimelineFile, inv.cfg.MaxBytes, "")
	if err != nil {
		return err
	}
	return formats.Export(inv.stdout, tl, f)
}
