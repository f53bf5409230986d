// Package errors is a STUB of github.com/pkg/errors for etcdlint's fixtures: Wrap and Wrapf keep a nil error nil.
package errors

import "fmt"

type withMessage struct {
	cause error
	msg   string
}

func (w *withMessage) Error() string { return w.msg + ": " + w.cause.Error() }

// Wrap returns nil if err is nil.
func Wrap(err error, message string) error {
	if err == nil {
		return nil
	}
	return &withMessage{err, message}
}

// Wrapf returns nil if err is nil.
func Wrapf(err error, format string, args ...interface{}) error {
	if err == nil {
		return nil
	}
	return &withMessage{err, fmt.Sprintf(format, args...)}
}
