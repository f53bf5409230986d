// Package unlockpair defines an Analyzer that reports etcd locks and
// elections that are taken and not given back.
//
// # Analyzer unlockpair
//
// unlockpair: report etcd locks and leaderships that are not released on every path
//
// An etcd lock is a key under the lock's prefix, bound to the session's
// lease. While the key exists every other locker waits, and nothing but an
// unlock, a resign or the end of the lease deletes it: a lock left held on
// an error path blocks every other process until the session's lease runs
// out, or for as long as the session stays alive.
//
// The analyzer reports, naming the return that leaks:
//
//   - UP1: (*concurrency.Mutex).Lock or TryLock succeeded, and a path
//     returns without Unlock (with any ctx) and without Close() of the
//     session the mutex was made from (closing the session revokes its
//     lease, which deletes the key);
//   - UP2: Lock() on the sync.Locker from concurrency.NewLocker, and a
//     path returns without Unlock();
//   - UP3: Lock() or RLock() on a recipe.RWMutex succeeded, and a path
//     returns without Unlock() or RUnlock();
//   - UP4: (*concurrency.Election).Campaign won, and a path returns
//     without Resign or Close() of the session;
//   - UP5: defer m.Lock(ctx) after m.Lock(ctx), where Unlock was meant;
//     UP1 still reports the Lock it leaves held;
//   - UP6: the error of Lock, TryLock, RLock or Campaign ignored (`_ =`,
//     a call statement, a variable never read): when the acquire fails
//     (its deadline passed while another process held the lock, or the
//     session is gone; for TryLock, ErrLocked is the normal outcome) the
//     code after it runs without the lock, beside the holder.
//
// Deleting the lock's key releases it too, and so does a path that waits
// for the session's end (<-s.Done()). The path where the acquire returned
// an error holds nothing (TryLock's ErrLocked has already deleted its
// key). The analyzer stays silent when,
// after the lock, the mutex or election is handed on: returned, stored,
// sent, captured by a goroutine or a returned closure, passed to a
// function that unlocks or keeps it; and when its key (m.Key(), e.Key())
// is returned or stored, since whoever holds the key can delete it. A
// mutex reached through a field or a parameter belongs to its owner:
// returning with it held is then a leak only when the function returns a
// non-nil error, which tells the caller the lock was not taken. An unlock
// deferred inside a loop waits for the function to return, so a loop that
// takes the next lock first is reported, unless the loop ends by itself
// (over a slice or a count) and makes a new mutex each time: locks taken
// to be held together for the code after the loop.
//
// Bad:
//
//	m := concurrency.NewMutex(s, "/my-lock/")
//	if err := m.Lock(ctx); err != nil {
//		return err
//	}
//	if _, err := cli.Put(ctx, "/config", v); err != nil {
//		return err // the lock stays held
//	}
//	return m.Unlock(ctx)
//
// Good:
//
//	m := concurrency.NewMutex(s, "/my-lock/")
//	if err := m.Lock(ctx); err != nil {
//		return err
//	}
//	defer m.Unlock(context.Background())
//	_, err := cli.Put(ctx, "/config", v)
//	return err
//
// For UP1 a suggested fix inserts defer m.Unlock(context.Background())
// after the error check when nothing else in the function unlocks the
// mutex, or only its last statement does (return m.Unlock(ctx), which
// becomes return nil, or m.Unlock(ctx), which it deletes); for UP5 one
// replaces the deferred Lock with Unlock, and gives a Mutex's Unlock a
// fresh context.Background() where context is imported. UP6 has no
// suggested fix: what a failed acquire should do (return the error, retry,
// skip the work) is the function's to decide, and a function without an
// error result cannot simply return it.
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/unlockpair.md
package unlockpair
