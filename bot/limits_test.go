package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"the quick brown fox jumps", 20, "the quick brown fox…"},
		{"Sessions met with **Kislyak** twice", 22, "Sessions met with…"},
		{"x **aaaaaaaa", 6, "x a…"},  // the opening bold marker goes, not the limit
		{"état été été", 6, "état…"}, // characters, not bytes
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		if got := clip(tt.s, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func FuzzClip(f *testing.F) {
	f.Add("x **aaaa bbbb** cccc", 6)
	f.Add(strings.Repeat("**Kislyak** ", 50), 100)
	f.Add("é", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if !utf8.ValidString(s) || n < 0 || n > 10000 {
			return
		}
		got := clip(s, n)
		if r := utf8.RuneCountInString(got); r > n {
			t.Fatalf("clip(%q, %d) = %q: %d characters", s, n, got, r)
		}
		if utf8.RuneCountInString(s) > n && n > 0 && strings.Count(got, "**")%2 == 1 && strings.Count(s, "**")%2 == 0 {
			t.Fatalf("clip(%q, %d) = %q leaves bold open", s, n, got)
		}
	})
}
