package relockctx

import "go.etcd.io/etcd/client/v3/concurrency"

// No "context" import to spell a fresh context with: the fix keeps the
// session's context, which nothing here gave a deadline.
func slipSessionCtx(s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(s.Ctx()); err != nil { // want `the lock taken by m.Lock is not released: the function returns at nocontext.go:13`
		return err
	}
	defer m.Lock(s.Ctx()) // want `deferred m.Lock locks again where Unlock was meant: the lock taken at nocontext.go:9 is never released`
	return work()
}
