// Package watch calls a function when a file changes, as editors change
// files: written in place, or written beside it and renamed over it.
package watch
