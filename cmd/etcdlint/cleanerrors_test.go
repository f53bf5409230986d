package main

import "testing"

func TestCleanErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{
			name: "an unresolved import said by the go command and echoed by the type checker",
			in: "hb/dep/dep.go:3:8: cannot find package \"does/not/exist\" in any of:\n" +
				"\t/usr/local/go/src/does/not/exist (from $GOROOT)\n" +
				"/tmp/src/hb/dep/dep.go:3:8: could not import does/not/exist (invalid package name: \"\")\n",
			want: "hb/dep/dep.go:3:8: cannot find package \"does/not/exist\" in any of:\n" +
				"\t/usr/local/go/src/does/not/exist (from $GOROOT)\n",
		},
		{
			name: "module mode",
			in: "dep/dep.go:3:8: no required module provides package example.com/missing; to add it:\n" +
				"\tgo get example.com/missing\n" +
				"/tmp/m/dep/dep.go:3:8: could not import example.com/missing (no metadata for example.com/missing)\n",
			want: "dep/dep.go:3:8: no required module provides package example.com/missing; to add it:\n" +
				"\tgo get example.com/missing\n",
		},
		{
			name: "an echo the go command did not say stays",
			in:   "/tmp/m/dep/dep.go:3:8: could not import example.com/missing (invalid package name: \"\")\n",
			want: "/tmp/m/dep/dep.go:3:8: could not import example.com/missing (invalid package name: \"\")\n",
		},
		{
			name: "the go command at another place",
			in: "other/dep.go:3:8: no required module provides package example.com/missing\n" +
				"/tmp/m/dep/dep.go:3:8: could not import example.com/missing (invalid package name: \"\")\n",
			want: "other/dep.go:3:8: no required module provides package example.com/missing\n" +
				"/tmp/m/dep/dep.go:3:8: could not import example.com/missing (invalid package name: \"\")\n",
		},
		{
			name: "a package not analysed, once, in the command's name",
			in: "/tmp/src/hb/dep/dep.go:4:4: undefined: Missing\n" +
				"etcdssa: hb/root not analysed: its dependency hb/dep does not type-check (root.go:11: F has an invalid type)\n" +
				"sessionclose: failed prerequisites: etcdssa@hb/root\n" +
				"unlockpair: failed prerequisites: etcdssa@hb/root\n",
			want: "/tmp/src/hb/dep/dep.go:4:4: undefined: Missing\n" +
				"etcdlint: hb/root not analysed: its dependency hb/dep does not type-check (root.go:11: F has an invalid type)\n",
		},
		{
			name: "another failed prerequisite stays",
			in:   "sessionclose: failed prerequisites: etcdssa@hb/root, other@hb/root\n",
			want: "sessionclose: failed prerequisites: etcdssa@hb/root, other@hb/root\n",
		},
		{
			name: "a finding that mentions etcdssa stays",
			in:   "/p/a.go:1:1: etcdssa: x\n",
			want: "/p/a.go:1:1: etcdssa: x\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(cleanErrors([]byte(tc.in))); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
