// Package testfile: watches in _test.go files are silent by default.
package testfile
