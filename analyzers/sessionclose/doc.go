// Package sessionclose defines an Analyzer that reports etcd concurrency
// sessions that are not closed.
//
// # Analyzer sessionclose
//
// sessionclose: report concurrency.NewSession sessions that are not closed on every path
//
// concurrency.NewSession grants a lease and starts a goroutine that keeps it
// alive. Until the session is closed, that goroutine runs, the lease is
// refreshed forever, and every key bound to it, such as the lock keys of a
// concurrency.Mutex, stays on the server: other processes waiting for the
// lock wait forever. Exiting the process does not help until the lease's
// TTL runs out after that. A session made with concurrency.WithContext(ctx)
// is refreshed until ctx ends instead, and the message says so.
//
// The analyzer reports (rule SC1) a NewSession whose session, on some path
// from the call to a return, is neither closed nor handed to someone else,
// and one that no path closes at all (a program that ends in select {}).
// It names the return that leaks. The session counts as released by
// s.Close(), s.Orphan(), a receive from s.Done() or s.Ctx().Done(), Close()
// of the client it was made from, or calling the cancel func of the
// context given by concurrency.WithContext or of any of its ancestors
// (a WithValue child of a cancelled context ends with it). It counts as handed on when it
// is returned, stored, sent, captured by a goroutine, or passed to a
// function that closes or keeps it. The path where NewSession returned an error holds
// nothing. A Close deferred inside a loop waits for the function to
// return, so a loop that creates the next session first is reported: every
// iteration's session stays open until then. Not a loop that ends by
// itself (over a slice or a count), which may take a session per lock to
// hold them all after it.
//
// A Mutex, Election, Locker or RWMutex made from the session has no
// method that reaches it. A session returned only inside one of them (or
// in a closure or struct that holds only those), and given nowhere else,
// can never be closed, and is reported naming the holder; so is one kept
// in an unexported field of a package type with a Close or Unlock method
// that no function of the package closes, orphans or hands on.
//
// Bad:
//
//	s, err := concurrency.NewSession(cli)
//	if err != nil {
//		return err
//	}
//	m := concurrency.NewMutex(s, "/my-lock/")
//
// Good:
//
//	s, err := concurrency.NewSession(cli)
//	if err != nil {
//		return err
//	}
//	defer s.Close()
//	m := concurrency.NewMutex(s, "/my-lock/")
//
// A suggested fix inserts defer s.Close() after the error check.
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/sessionclose.md
package sessionclose
