// Package require is a STUB of github.com/stretchr/testify/require for
// etcdlint's analysistest fixtures: the assertions that stop a test.
package require

// TestingT is what require's functions are given.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

func Error(t TestingT, err error, msgAndArgs ...interface{})                          {}
func ErrorIs(t TestingT, err, target error, msgAndArgs ...interface{})                {}
func ErrorContains(t TestingT, err error, contains string, msgAndArgs ...interface{}) {}
func NoError(t TestingT, err error, msgAndArgs ...interface{})                        {}

func Equal(t TestingT, expected, actual interface{}, msgAndArgs ...interface{})       {}
func EqualValues(t TestingT, expected, actual interface{}, msgAndArgs ...interface{}) {}
func NotNil(t TestingT, object interface{}, msgAndArgs ...interface{})                {}
func Nil(t TestingT, object interface{}, msgAndArgs ...interface{})                   {}
func True(t TestingT, value bool, msgAndArgs ...interface{})                          {}
func False(t TestingT, value bool, msgAndArgs ...interface{})                         {}
