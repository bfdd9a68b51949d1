package answer

import (
	"context"
	"errors"
	"fmt"
)

// Code says what kind of problem an Error is, for scripts: the "code" of
// the JSON error object.
type Code string

// The codes an Error carries.
const (
	// CodeNoQuestion: nothing was asked, or nothing to search for.
	CodeNoQuestion Code = "no_question"
	// CodeCommonWords: the words are all too common to search for.
	CodeCommonWords Code = "common_words"
	// CodeBadDate: a date that is not one, or that cannot be read.
	CodeBadDate Code = "bad_date"
	// CodeUnknownEvent: an event the question names is not in the timeline.
	CodeUnknownEvent Code = "unknown_event"
	// CodeAmbiguous: the question needs one more thing said (which year,
	// which event "that" is).
	CodeAmbiguous Code = "ambiguous"
	// CodeTooSlow: the answer was not found in the time an answer may
	// take (the index's own deadline, or the caller's).
	CodeTooSlow Code = "too_slow"
	// CodeInternal: anything else; the cause is logged, not shown.
	CodeInternal Code = "internal"
)

// Error is a problem with what was asked, in words for the person who
// asked.
type Error struct {
	Code Code
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

func userErrorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Message is what to tell a person about err: the message of an *Error,
// or a generic apology for anything else, whose cause belongs in the log.
func Message(err error) string {
	var ue *Error
	if errors.As(err, &ue) {
		return ue.Msg
	}
	if errors.Is(err, context.DeadlineExceeded) {
		// A big timeline under load, or a question of many common
		// words: saying so tells the person what to change.
		return "That took too long to answer; try fewer or more specific words, or ask again in a moment."
	}
	return "Sorry, something went wrong while answering. Please try again."
}

// CodeOf is the code of err: an *Error's own, CodeInternal for anything
// else.
func CodeOf(err error) Code {
	var ue *Error
	if errors.As(err, &ue) && ue.Code != "" {
		return ue.Code
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return CodeTooSlow
	}
	return CodeInternal
}
