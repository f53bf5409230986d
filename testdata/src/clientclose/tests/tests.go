// Package tests: CL1 in _test.go files, as SC1 does.
package tests
