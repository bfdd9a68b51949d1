package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is stamped at build time: go build -ldflags "-X main.version=v1.2.3".
var version string

// versionOf is the program's version: the stamp, else the module's version
// when built with go install module@version, else "dev".
func versionOf(stamp string, info func() (*debug.BuildInfo, bool)) string {
	if stamp != "" {
		return stamp
	}
	if bi, ok := info(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Version is this binary's version.
func Version() string { return versionOf(version, debug.ReadBuildInfo) }

func runVersion(_ context.Context, inv *invocation, _ []string) error {
	_, err := fmt.Fprintln(inv.stdout, Version())
	return err
}
