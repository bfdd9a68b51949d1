package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	built := func(v string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: v}}, true }
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	for _, c := range []struct {
		stamp string
		info  func() (*debug.BuildInfo, bool)
		want  string
	}{
		{"v1.2.3", built("v0.9.0"), "v1.2.3"}, // the stamp wins
		{"", built("v0.9.0"), "v0.9.0"},       // go install module@v0.9.0
		{"", built("(devel)"), "dev"},         // go build in a clone
		{"", none, "dev"},
	} {
		if got := versionOf(c.stamp, c.info); got != c.want {
			t.Errorf("versionOf(%q) = %q, want %q", c.stamp, got, c.want)
		}
	}
}

// The version command and --version, anywhere on the line, print the
// stamped version alone.
func TestVersionCommand(t *testing.T) {
	old := version
	version = "v7.7.7-test"
	t.Cleanup(func() { version = old })
	for _, args := range [][]string{{"version"}, {"--version"}, {"ask", "--version"}} {
		code, out, errOut := cli(t, nil, "", args...)
		if code != exitOK || out != "v7.7.7-test\n" {
			t.Errorf("%v: exit %d, printed %q %q", args, code, out, errOut)
		}
	}
}

func TestLogFormat(t *testing.T) {
	for _, c := range []struct {
		env  string
		want string
	}{{"json", `"msg":"hello"`}, {"", "msg=hello"}, {"TEXT", "msg=hello"}} {
		cfg, err := loadConfig(func(k string) string {
			if k == "LOG_FORMAT" {
				return c.env
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		cfg.logger(&buf).Info("hello")
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("LOG_FORMAT=%q logged %q, want %q in it", c.env, buf.String(), c.want)
		}
	}
}
