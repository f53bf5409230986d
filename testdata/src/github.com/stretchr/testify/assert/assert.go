// Package assert is a STUB of github.com/stretchr/testify/assert: only
// what the fixtures use. Unlike require, a failed assertion lets the
// test go on.
package assert

// TestingT is the testing.T subset assert uses.
type TestingT interface {
	Errorf(format string, args ...any)
}

// Error asserts that err is not nil.
func Error(t TestingT, err error, msgAndArgs ...any) bool { return err != nil }

// NoError asserts that err is nil.
func NoError(t TestingT, err error, msgAndArgs ...any) bool { return err == nil }
