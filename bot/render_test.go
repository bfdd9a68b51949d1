package bot

import "testing"

// Text from a timeline or a user is shown as written, never as formatting
// or as a link disguised under other words.
func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"[Free Nitro](https://evil.example)":             `\[Free Nitro\](https://evil.example)`,
		"**bold** _it_ ~~x~~ `code` ||spoiler|| > quote": `\*\*bold\*\* \_it\_ \~\~x\~\~ \` + "`code\\`" + ` \|\|spoiler\|\| \> quote`,
		`back\slash`: `back\\slash`,
	} {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}
