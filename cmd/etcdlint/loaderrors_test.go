package main

import "testing"

func TestDropRepeatedBuildOutput(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{
			name: "type errors printed twice",
			in: "-: # example.com/broken\n" +
				"./b.go:3:23: cannot use \"x\" as int value\n" +
				"./c.go:5:35: undefined: undefined\n" +
				"/tmp/broken/b.go:3:23: cannot use \"x\" as int value\n" +
				"/tmp/broken/c.go:5:35: undefined: undefined\n",
			want: "/tmp/broken/b.go:3:23: cannot use \"x\" as int value\n" +
				"/tmp/broken/c.go:5:35: undefined: undefined\n",
		},
		{
			name: "a package path relative to the working directory, with a continuation",
			in: "-: # example.com/m/queue/task\n" +
				"queue/task/m.go:68:9: cannot use m as QueueManager value\n" +
				"\thave x()\n" +
				"/src/m/queue/task/m.go:68:9: cannot use m as QueueManager value\n",
			want: "/src/m/queue/task/m.go:68:9: cannot use m as QueueManager value\n",
		},
		{
			name: "cgo failure the type checker does not see",
			in: "-: # example.com/b2\n" +
				"./e.go:4:10: fatal error: nonexistent_header.h: No such file or directory\n" +
				"compilation terminated.\n" +
				"/tmp/b2/e.go:6:8: could not import C (no metadata for C)\n",
			want: "-: # example.com/b2\n" +
				"./e.go:4:10: fatal error: nonexistent_header.h: No such file or directory\n" +
				"compilation terminated.\n" +
				"/tmp/b2/e.go:6:8: could not import C (no metadata for C)\n",
		},
		{
			name: "only some errors repeated",
			in: "-: # example.com/p\n" +
				"./a.go:1:1: one\n" +
				"./a.go:2:1: two\n" +
				"/p/a.go:1:1: one\n",
			want: "-: # example.com/p\n" +
				"./a.go:1:1: one\n" +
				"./a.go:2:1: two\n" +
				"/p/a.go:1:1: one\n",
		},
		{
			name: "a suffix that is not a whole path element",
			in: "-: # example.com/p\n" +
				"./a.go:1:1: one\n" +
				"/p/xa.go:1:1: one\n",
			want: "-: # example.com/p\n" +
				"./a.go:1:1: one\n" +
				"/p/xa.go:1:1: one\n",
		},
		{
			name: "two packages, one block each, findings between",
			in: "-: # example.com/p\n" +
				"./a.go:1:1: one\n" +
				"-: # example.com/q\n" +
				"../q/b.go:1:1: two\n" +
				"/p/a.go:1:1: one\n" +
				"/q/b.go:1:1: two\n" +
				"/p/ok.go:9:2: session from concurrency.NewSession leaks\n",
			want: "-: # example.com/q\n" +
				"../q/b.go:1:1: two\n" +
				"/p/a.go:1:1: one\n" +
				"/q/b.go:1:1: two\n" +
				"/p/ok.go:9:2: session from concurrency.NewSession leaks\n",
		},
		{
			name: "other go command errors",
			in:   "-: no required module provides package example.com/missing; to add it:\n\tgo get example.com/missing\n",
			want: "-: no required module provides package example.com/missing; to add it:\n\tgo get example.com/missing\n",
		},
		{name: "nothing", in: "", want: ""},
		{name: "no final newline", in: "/p/a.go:1:1: one", want: "/p/a.go:1:1: one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(dropRepeatedBuildOutput([]byte(tc.in))); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
