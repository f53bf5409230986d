// Package clientv3 is a STUB of go.etcd.io/etcd/client/v3 (etcd v3.5+ import path)
// for etcdlint's analysistest fixtures (GOPATH mode). It is never executed.
//
// Exported signatures (names, parameter and result types, pointer vs value
// receivers, the interfaces embedded in Client) are copied from
// go.etcd.io/etcd/client/v3@v3.7.3. Types the real package takes from
// protobuf (etcdserverpb, mvccpb, authpb), zap and grpc are replaced by small
// local stand-ins (pb.go); bodies are minimal.
//
// The same stub is copied, with only import paths changed, to the older
// import paths go.etcd.io/etcd/clientv3 (v3.4) and
// github.com/coreos/etcd/clientv3 (v3.3 and older). Those copies expose the
// v3.7.3 API, a superset of what the older releases had (e.g. KV.GetStream,
// Mutex.TryLock); the calls etcdlint checks have the same shape in all three.
package clientv3
