package main

import (
	"context"
	"fmt"
	"strings"
)

// runCompletion prints a completion script for a shell: the commands and
// flags, from the command table, and, for date and search, the titles of
// the timeline's entries, asked of the program itself as the user types.
func runCompletion(_ context.Context, inv *invocation, args []string) error {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	flags := "--json --timeline --index-dir --limit --offset --addr --format --events --seed --help --version"
	var script string
	switch args[0] {
	case "bash":
		script = fmt.Sprintf(bashCompletion, strings.Join(names, " "), flags)
	case "zsh":
		script = fmt.Sprintf(zshCompletion, strings.Join(names, " "), flags)
	case "fish":
		var b strings.Builder
		b.WriteString(fishHeader)
		for _, c := range commands {
			fmt.Fprintf(&b, "complete -c timelinebot -n __fish_use_subcommand -a %s -d %q\n", c.name, c.summary)
		}
		b.WriteString(fishFooter)
		script = b.String()
	default:
		return usagef("completion takes bash, zsh or fish, not %q", args[0])
	}
	_, err := fmt.Fprint(inv.stdout, script)
	return err
}

// The scripts ask "timelinebot __titles" for the entries' titles, so the
// completions are those of the timeline the command would answer from.
const bashCompletion = `# bash completion for timelinebot: source <(timelinebot completion bash)
_timelinebot() {
	local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]}
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "%[2]s" -- "$cur"))
	elif (( COMP_CWORD == 1 )); then
		COMPREPLY=($(compgen -W "%[1]s" -- "$cur"))
	elif [[ $cmd == search || $cmd == date ]]; then
		# Each title is compared as text: compgen -W would expand what a
		# title says ($(...)), and a timeline is not the user's to trust.
		local title
		while IFS= read -r title; do
			[[ $title == "$cur"* ]] && COMPREPLY+=("$title")
		done < <(timelinebot __titles 2>/dev/null)
	elif [[ $cmd == completion ]]; then
		COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _timelinebot timelinebot
`

const zshCompletion = `#compdef timelinebot
# zsh completion for timelinebot: source <(timelinebot completion zsh)
_timelinebot() {
	if (( CURRENT == 2 )); then
		compadd -- %[1]s
	elif [[ $words[CURRENT] == -* ]]; then
		compadd -- %[2]s
	elif [[ $words[2] == search || $words[2] == date ]]; then
		local -a titles
		titles=("${(@f)$(timelinebot __titles 2>/dev/null)}")
		compadd -a titles
	else
		_files
	fi
}
compdef _timelinebot timelinebot
`

const fishHeader = `# fish completion for timelinebot: timelinebot completion fish | source
complete -c timelinebot -f
complete -c timelinebot -l json -d "print one JSON object"
complete -c timelinebot -l timeline -r -F -d "answer from this timeline"
complete -c timelinebot -l limit -x -d "search: the most entries to list"
`

const fishFooter = `complete -c timelinebot -n "__fish_seen_subcommand_from search date" -a "(timelinebot __titles 2>/dev/null)"
complete -c timelinebot -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"
`

// runTitles prints the entries' titles and dates, one a line, for the
// completion scripts.
func runTitles(_ context.Context, inv *invocation, _ []string) error {
	tl, err := loadTimeline(inv.cfg.TimelineFile, inv.cfg.MaxBytes)
	if err != nil {
		return err
	}
	for _, e := range tl.Events {
		fmt.Fprintln(inv.stdout, e.Title)
	}
	return nil
}
