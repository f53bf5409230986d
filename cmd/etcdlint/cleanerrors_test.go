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
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(cleanErrors([]byte(tc.in))); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
