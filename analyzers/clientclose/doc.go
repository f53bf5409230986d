// Package clientclose defines an Analyzer that reports etcd clients that
// are not closed.
//
// # Analyzer clientclose
//
// clientclose: report clientv3.New clients that are not closed on every path
//
// clientv3.New dials the endpoints: each client holds a gRPC connection,
// with a socket and about 5 goroutines in the process (more once it
// keeps leases or watches) and a socket and 3 goroutines on the server.
// Until Close, they stay: a client made per request or per reconcile and
// never closed grows the process by a client each time, until it runs out
// of memory or file descriptors.
//
// CL1: a clientv3.New, NewFromURL, NewFromURLs or NewCtxClient whose
// client, on some path from the call to a return, is neither closed nor
// handed to someone else, and one that a loop makes again while the last
// is still open. It names the return that leaks. The
// shape that matters most is a constructor's error path after New: a
// later step fails and returns its error without closing the client. The
// client counts as handed on when it is returned, stored, sent, captured
// by a goroutine, given to code of another package, or carried by a
// session or mutex made from it, or a view of it (cli.KV, NewKV(cli),
// namespace.NewKV(cli, p)), that is handed on. Borrowing it is a use:
// concurrency.NewSession(cli) whose session is closed, clientv3.NewKV(cli)
// and the other NewXxx(cli), namespace.NewKV(cli, prefix), and the
// client's own methods (Get, Put, Watch, Ctx). The path where New returned
// an error holds nothing: every release line returns (nil, err) there.
//
// main.main and a cobra command's Run func are exempt, and so are a
// function that never returns and an exit by os.Exit, log.Fatal or panic:
// the process ends with its clients. NewCtxClient, which dials nothing,
// is reported only when the context it is given never ends.
//
// Bad:
//
//	cli, err := clientv3.New(cfg)
//	if err != nil {
//		return err
//	}
//	_, err = cli.Put(ctx, "k", "v")
//	return err
//
// Good:
//
//	cli, err := clientv3.New(cfg)
//	if err != nil {
//		return err
//	}
//	defer cli.Close()
//	_, err = cli.Put(ctx, "k", "v")
//	return err
//
// A suggested fix inserts defer cli.Close() after the error check, where
// nothing else in the function closes or hands the client on.
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/clientclose.md
package clientclose
