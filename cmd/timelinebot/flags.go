package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// commandLine is a command line as read: the command, its positional
// arguments, and whether help was asked for. The flags go into config.
type commandLine struct {
	command string
	args    []string
	help    bool
	version bool // --version: the version command, wherever it stands
}

// parseLine reads flags wherever they stand, before or after the command
// and among its arguments, as people type them ("ask when was the hearing
// --json"); "--" ends the flags, so a question may start with a dash.
func parseLine(args []string, cfg *config) (commandLine, error) {
	var line commandLine
	fs := flag.NewFlagSet("timelinebot", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by report
	fs.StringVar(&cfg.TimelineFile, "timeline", cfg.TimelineFile, "")
	fs.BoolVar(&cfg.JSON, "json", cfg.JSON, "")
	fs.BoolVar(&line.version, "version", false, "")
	fs.StringVar(&cfg.IndexDir, "index-dir", cfg.IndexDir, "")
	fs.Func("offset", "", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return errors.New("want the number of entries to skip, 0 or more")
		}
		cfg.Offset = n
		return nil
	})
	cfg.Events = 10_000
	fs.Func("events", "", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10_000_000 {
			return errors.New("want a number of entries, 1 to 10000000")
		}
		cfg.Events = n
		return nil
	})
	fs.Uint64Var(&cfg.Seed, "seed", 1, "")
	fs.Func("format", "", func(s string) error {
		if err := checkFormat(s); err != nil {
			return err
		}
		cfg.Format = s
		return nil
	})
	fs.Func("addr", "", func(s string) error {
		cfg.Addr, cfg.addrSet = s, true
		return nil
	})
	fs.Func("limit", "", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return errors.New("want a number of entries, 1 or more")
		}
		cfg.Limit, cfg.limitSet = n, true
		return nil
	})
	var positional, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				line.help = true
				args = fs.Args()
				continue
			}
			return line, usagef("%s", flagMessage(err))
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	positional = append(positional, tail...)
	if len(positional) > 0 {
		line.command, line.args = positional[0], positional[1:]
	}
	return line, nil
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	badValue      = regexp.MustCompile(`^invalid value "(.*)" for flag -+(\S+): (.*)$`)
	missingValue  = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
)

// flagMessage says what the flag package reports in the words of the
// usage: flags with two dashes.
func flagMessage(err error) string {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown flag --%s", m[1])
	}
	if m := badValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("--%s %s: %s", m[2], m[1], m[3])
	}
	if m := missingValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("--%s needs a value", m[1])
	}
	return msg
}
