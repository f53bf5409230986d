// Package p: with -watchleak.tests, watches in _test.go files are reported.
package p
