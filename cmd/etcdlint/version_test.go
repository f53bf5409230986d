package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	for _, tc := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{nil, "etcdlint (devel), "},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "etcdlint v0.2.0, "},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}}},
			"etcdlint (devel) revision 0123abcd (modified), "},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "false"}}},
			"etcdlint (devel) revision 0123abcd, "},
	} {
		if got := versionLine(tc.info); got != tc.want+runtime.Version() {
			t.Errorf("versionLine(%+v) = %q, want %q", tc.info, got, tc.want+runtime.Version())
		}
	}
}
