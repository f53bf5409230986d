// Package p is analysed by the plugin's tests, whose analyzers report
// their own flag values.
package p
