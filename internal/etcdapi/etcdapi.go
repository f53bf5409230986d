// Package etcdapi knows the etcd client API across its three import-path
// generations. It is the only package that spells an etcd import path: the
// analyzers ask it whether a callee is, say, (*concurrency.Session).Close,
// and never compare package paths or printed type strings themselves.
package etcdapi

import (
	"go/types"
	"strings"
)

// Pkg names one etcd package role, independent of the import-path generation.
type Pkg int

const (
	NotEtcd     Pkg = iota
	Client          // clientv3: Client, KV, Lease, Op options
	Concurrency     // concurrency: Session, Mutex, Election, Locker
	Recipes         // recipes: RWMutex
	Endpoints       // naming/endpoints: Manager, WatchChannel (v3.5+ only)
	Namespace       // namespace: prefixed KV, Watcher and Lease over a client
)

func (p Pkg) String() string {
	switch p {
	case Client:
		return "clientv3"
	case Concurrency:
		return "concurrency"
	case Recipes:
		return "recipe"
	case Endpoints:
		return "endpoints"
	case Namespace:
		return "namespace"
	}
	return "not etcd"
}

// generations lists, for each release line, the client, concurrency and
// recipes import paths.
var generations = [...][3]string{
	{"go.etcd.io/etcd/client/v3", "go.etcd.io/etcd/client/v3/concurrency", "go.etcd.io/etcd/client/v3/experimental/recipes"},
	{"go.etcd.io/etcd/clientv3", "go.etcd.io/etcd/clientv3/concurrency", "go.etcd.io/etcd/contrib/recipes"},
	{"github.com/coreos/etcd/clientv3", "github.com/coreos/etcd/clientv3/concurrency", "github.com/coreos/etcd/contrib/recipes"},
}

var roleOf = func() map[string]Pkg {
	m := make(map[string]Pkg)
	for _, g := range generations {
		m[g[0]] = Client
		m[g[1]] = Concurrency
		m[g[2]] = Recipes
	}
	// The endpoints manager arrived with v3.5; older lines have none.
	m["go.etcd.io/etcd/client/v3/naming/endpoints"] = Endpoints
	// namespace sits beside concurrency in every line.
	for _, g := range generations {
		m[g[0]+"/namespace"] = Namespace
	}
	return m
}()

// Role reports which etcd package the import path is, or NotEtcd.
// Vendored copies ("x/vendor/go.etcd.io/...") count as the package they vendor.
func Role(path string) Pkg {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	return roleOf[path]
}

// IsEtcdPath reports whether path is one of the recognised etcd packages.
func IsEtcdPath(path string) bool { return Role(path) != NotEtcd }

// Method names a function or method of an etcd package: Recv is the receiver's
// type name without '*' ("" for package-level functions).
type Method struct {
	Pkg  Pkg
	Recv string
	Name string
}

// Common API members, named once for the analyzers.
var (
	NewSession      = Method{Concurrency, "", "NewSession"}
	SessionClose    = Method{Concurrency, "Session", "Close"}
	SessionOrphan   = Method{Concurrency, "Session", "Orphan"}
	SessionDone     = Method{Concurrency, "Session", "Done"}
	SessionCtx      = Method{Concurrency, "Session", "Ctx"}
	SessionClient   = Method{Concurrency, "Session", "Client"}
	SessionLease    = Method{Concurrency, "Session", "Lease"}
	WithContext     = Method{Concurrency, "", "WithContext"}
	NewMutex        = Method{Concurrency, "", "NewMutex"}
	NewLocker       = Method{Concurrency, "", "NewLocker"}
	NewElection     = Method{Concurrency, "", "NewElection"}
	ResumeElection  = Method{Concurrency, "", "ResumeElection"}
	MutexLock       = Method{Concurrency, "Mutex", "Lock"}
	MutexTryLock    = Method{Concurrency, "Mutex", "TryLock"}
	MutexUnlock     = Method{Concurrency, "Mutex", "Unlock"}
	MutexKey        = Method{Concurrency, "Mutex", "Key"}
	LockerLock      = Method{Concurrency, "lockerMutex", "Lock"}
	LockerUnlock    = Method{Concurrency, "lockerMutex", "Unlock"}
	Campaign        = Method{Concurrency, "Election", "Campaign"}
	Resign          = Method{Concurrency, "Election", "Resign"}
	ElectionKey     = Method{Concurrency, "Election", "Key"}
	NewRWMutex      = Method{Recipes, "", "NewRWMutex"}
	RWLock          = Method{Recipes, "RWMutex", "Lock"}
	RWRLock         = Method{Recipes, "RWMutex", "RLock"}
	RWUnlock        = Method{Recipes, "RWMutex", "Unlock"}
	RWRUnlock       = Method{Recipes, "RWMutex", "RUnlock"}
	ClientClose     = Method{Client, "Client", "Close"}
	ClientCtx       = Method{Client, "Client", "Ctx"}
	ClientWithLease = Method{Client, "", "WithLease"}
	KVGet           = Method{Client, "KV", "Get"}
	KVPut           = Method{Client, "KV", "Put"}
	KVDelete        = Method{Client, "KV", "Delete"}
	ConcWithLease   = Method{Concurrency, "", "WithLease"}
	Observe         = Method{Concurrency, "Election", "Observe"}
	RequireLeader   = Method{Client, "", "WithRequireLeader"}
)

// The client's constructors, for clientclose. All but NewCtxClient dial
// the endpoints and return (nil, err) when they fail.
var (
	NewClient    = Method{Client, "", "New"}
	NewFromURL   = Method{Client, "", "NewFromURL"}
	NewFromURLs  = Method{Client, "", "NewFromURLs"}
	NewCtxClient = Method{Client, "", "NewCtxClient"}
)

// Is reports whether fn is the etcd function or method m. Methods promoted
// through embedding resolve to their declaring type, so a call through a
// struct that embeds *concurrency.Session matches Session's methods.
func Is(fn *types.Func, m Method) bool {
	if fn == nil || fn.Pkg() == nil || fn.Name() != m.Name || Role(fn.Pkg().Path()) != m.Pkg {
		return false
	}
	return recvName(fn) == m.Recv
}

// IsAny reports whether fn is one of ms.
func IsAny(fn *types.Func, ms ...Method) bool {
	for _, m := range ms {
		if Is(fn, m) {
			return true
		}
	}
	return false
}

// Lookup returns the etcd method fn is, and whether it is one.
func Lookup(fn *types.Func) (Method, bool) {
	if fn == nil || fn.Pkg() == nil {
		return Method{}, false
	}
	role := Role(fn.Pkg().Path())
	if role == NotEtcd {
		return Method{}, false
	}
	return Method{role, recvName(fn), fn.Name()}, true
}

// recvName is the name of fn's receiver type without pointer, or "".
func recvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Interface:
		// An interface method's receiver is the interface; the caller
		// names it through the interface's declared name when it has one.
		return ""
	}
	return ""
}

// IsType reports whether t (or *t) is the named etcd type pkg.name.
func IsType(t types.Type, pkg Pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Name() == name && Role(n.Obj().Pkg().Path()) == pkg
}

// HasLeaseMethod reports whether fn is a method called name whose results
// mention the etcd client's lease types, whatever interface or type declares
// it: projects hide the client behind interfaces of their own, and the
// method's result types are what make it etcd's Lease.KeepAlive or Grant.
//
// name is "KeepAlive" (results <-chan *LeaseKeepAliveResponse, error),
// "Grant" (*LeaseGrantResponse, error) or "Revoke" (*LeaseRevokeResponse, error).
func HasLeaseMethod(fn *types.Func, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 2 {
		return false
	}
	first := sig.Results().At(0).Type()
	switch name {
	case "KeepAlive":
		ch, ok := types.Unalias(first).(*types.Chan)
		return ok && IsType(ch.Elem(), Client, "LeaseKeepAliveResponse")
	case "Grant":
		return IsType(first, Client, "LeaseGrantResponse")
	case "Revoke":
		return IsType(first, Client, "LeaseRevokeResponse")
	}
	return false
}

// Mentions reports whether obj is declared in an etcd package, or is a
// function whose signature mentions an etcd type (a project's own wrapper
// around the client). Analyzers use it to skip packages that cannot hold a
// finding before they pay for SSA.
func Mentions(obj types.Object) bool {
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	if IsEtcdPath(obj.Pkg().Path()) {
		return true
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return tupleMentions(sig.Params()) || tupleMentions(sig.Results())
}

func tupleMentions(t *types.Tuple) bool {
	for v := range t.Variables() {
		if typeMentions(v.Type(), 0) {
			return true
		}
	}
	return false
}

func typeMentions(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Pkg() != nil && IsEtcdPath(t.Obj().Pkg().Path())
	case *types.Pointer:
		return typeMentions(t.Elem(), depth+1)
	case *types.Chan:
		return typeMentions(t.Elem(), depth+1)
	case *types.Slice:
		return typeMentions(t.Elem(), depth+1)
	}
	return false
}

// HasWatchMethod reports whether fn is a watch: a method called Watch that
// returns the client's WatchChan (clientv3.Watcher's, the client's, or a
// project's wrapper with Watch's signature), Election.Observe, or a
// NewWatchChannel returning endpoints.WatchChannel. Each keeps a watcher
// open until its ctx ends or the client closes.
func HasWatchMethod(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if Is(fn, Observe) {
		return true
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Results().Len() == 0 {
		return false
	}
	first := sig.Results().At(0).Type()
	switch fn.Name() {
	case "Watch":
		return sig.Results().Len() == 1 && IsType(first, Client, "WatchChan")
	case "NewWatchChannel":
		return IsType(first, Endpoints, "WatchChannel")
	}
	return false
}

// ClosingChan reports whether t is a channel the etcd client closes when
// the watch or keepalive behind it ends: clientv3.WatchChan, a KeepAlive
// channel (<-chan *LeaseKeepAliveResponse), an Observe channel (<-chan
// *GetResponse, or GetResponse before v3.5) or endpoints.WatchChannel.
// Only receive-only channels of the element types count: a chan the
// program makes itself is its own to close or not.
func ClosingChan(t types.Type) bool {
	if IsType(t, Client, "WatchChan") || IsType(t, Endpoints, "WatchChannel") {
		return true
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly {
		return false
	}
	elem := ch.Elem()
	if _, ptr := types.Unalias(elem).(*types.Pointer); ptr && IsType(elem, Client, "LeaseKeepAliveResponse") {
		return true
	}
	return IsType(elem, Client, "GetResponse") || IsType(elem, Client, "WatchResponse")
}
