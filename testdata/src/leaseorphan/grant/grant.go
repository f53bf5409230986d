// Package grant covers LO3: a granted lease must be attached to something,
// kept alive, revoked, or handed on.
package grant

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strconv"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// The TTL-key pattern with the option forgotten: the key never expires.
func forgotten(ctx context.Context, cli *clientv3.Client, key, val string) error {
	resp, err := cli.Grant(ctx, 10) // want `lease from Grant is never used: its ID is not attached to a key \(clientv3.WithLease\), kept alive, revoked or handed on, so the lease sits on the server until its TTL runs out, and any key meant to carry it never expires; attach it with clientv3.WithLease\(resp.ID\) or do not grant it`
	if err != nil {
		return err
	}
	log.Printf("granted a lease of %ds", resp.TTL)
	_, err = cli.Put(ctx, key, val)
	return err
}

// The canonical TTL key: silent, no revoke needed.
func ttlKey(ctx context.Context, cli *clientv3.Client, key, val string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, val, clientv3.WithLease(resp.ID))
	return err
}

// The response dropped: its lease can never be used.
func discarded(ctx context.Context, cli *clientv3.Client) error {
	_, err := cli.Grant(ctx, 10) // want `the response of Grant is discarded, so its lease is never used: the lease sits on the server`
	return err
}

// Printing the ID is not using the lease.
func printed(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	fmt.Printf("lease %x\n", resp.ID)
	return nil
}

// Given to a session: the session keeps it alive and revokes it.
func session(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	s, err := concurrency.NewSession(cli, concurrency.WithLease(resp.ID))
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// Kept alive.
func keptAlive(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(ctx, resp.ID)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return nil
}

// Revoked (a probe that the cluster accepts leases).
func revoked(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	_, err = cli.Revoke(ctx, resp.ID)
	return err
}

// In a transaction, through OpPut.
func txn(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	id := resp.ID
	_, err = cli.Txn(ctx).Then(clientv3.OpPut(key, "", clientv3.WithLease(id))).Commit()
	return err
}

// Returned: the caller uses it.
func returned(ctx context.Context, cli *clientv3.Client) (clientv3.LeaseID, error) {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return clientv3.NoLease, err
	}
	return resp.ID, nil
}

func returnedResp(ctx context.Context, cli *clientv3.Client) (*clientv3.LeaseGrantResponse, error) {
	return cli.Grant(ctx, 10)
}

type registry struct {
	cli   *clientv3.Client
	lease clientv3.LeaseID
	byKey map[string]clientv3.LeaseID
}

// Stored: another method uses it.
func (r *registry) stored(ctx context.Context) error {
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	r.lease = resp.ID
	return nil
}

func (r *registry) storedInMap(ctx context.Context, key string) error {
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	r.byKey[key] = resp.ID
	return nil
}

func (r *registry) attach(ctx context.Context, key string, id clientv3.LeaseID) error {
	_, err := r.cli.Put(ctx, key, "", clientv3.WithLease(id))
	return err
}

// Passed to a helper that attaches it.
func (r *registry) passed(ctx context.Context, key string) error {
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	return r.attach(ctx, key, resp.ID)
}

// Passed to a function of another package: it may use it.
func passedOn(ctx context.Context, cli *clientv3.Client, use func(clientv3.LeaseID)) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	use(resp.ID)
	return nil
}

// A factory's caller must use what it returns.
func useReturnedResp(ctx context.Context, cli *clientv3.Client) error {
	resp, err := returnedResp(ctx, cli) // want `lease granted by returnedResp is never used`
	if err != nil {
		return err
	}
	log.Printf("ttl %d", resp.TTL)
	return nil
}

func useReturnedRespFixed(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := returnedResp(ctx, cli)
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, "", clientv3.WithLease(resp.ID))
	return err
}

// A fresh lease per iteration that nothing uses.
func inLoop(ctx context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		resp, err := cli.Grant(ctx, 10) // want `lease from Grant is never used`
		if err != nil {
			return err
		}
		log.Printf("lease for %s: ttl %d", k, resp.TTL)
	}
	return nil
}

// Revoked by a deferred closure.
func deferredRevoke(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	id := resp.ID
	defer func() {
		cli.Revoke(context.Background(), id)
	}()
	_, err = cli.Put(ctx, key, "")
	return err
}

// Attached through an options slice.
func options(ctx context.Context, cli *clientv3.Client, key string, ttl int64) error {
	var opts []clientv3.OpOption
	if ttl > 0 {
		resp, err := cli.Grant(ctx, ttl)
		if err != nil {
			return err
		}
		opts = append(opts, clientv3.WithLease(resp.ID))
	}
	_, err := cli.Put(ctx, key, "", opts...)
	return err
}

// Looked up only: the lease still carries nothing, but TimeToLive goes
// through the Lease interface and the analyzer takes it as a use.
func timeToLive(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	_, err = cli.TimeToLive(ctx, resp.ID)
	return err
}

var global clientv3.LeaseID

// Stored in a global.
func storedGlobal(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	global = resp.ID
	return nil
}

// Named result.
func namedResult(ctx context.Context, cli *clientv3.Client) (id clientv3.LeaseID, err error) {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return
	}
	id = resp.ID
	return
}

// The response copied out of its pointer still carries the ID.
func copied(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	lease := *resp
	_, err = cli.Put(ctx, key, "", clientv3.WithLease(lease.ID))
	return err
}

type printer interface {
	Grant(r clientv3.LeaseGrantResponse)
}

// etcdctl's lease grant: the whole response, ID included, goes to the
// printer.
func printedByValue(cli *clientv3.Client, display printer, ttl int64) {
	ctx, cancel := context.WithCancel(context.Background())
	resp, err := cli.Grant(ctx, ttl)
	cancel()
	if err != nil {
		panic(err)
	}
	display.Grant(*resp)
}

// The ID written down for another process to attach or revoke: handed on.
func recorded(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 60)
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, "/owner/lease", strconv.FormatInt(int64(resp.ID), 16))
	return err
}

type state struct {
	Lease clientv3.LeaseID `json:"lease"`
}

func saved(ctx context.Context, cli *clientv3.Client, path string) error {
	resp, err := cli.Grant(ctx, 60)
	if err != nil {
		return err
	}
	data, err := json.Marshal(state{Lease: resp.ID})
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// Logged and forgotten: the log line does not use the lease.
func logged(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 60) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	log.Printf("granted lease %x with TTL %d", resp.ID, resp.TTL)
	return nil
}

// The ID given to a helper inside a struct or a slice, which attaches it.
type putReq struct {
	key, val string
	lease    clientv3.LeaseID
}

func put(ctx context.Context, cli *clientv3.Client, r putReq) error {
	_, err := cli.Put(ctx, r.key, r.val, clientv3.WithLease(r.lease))
	return err
}

func putNoLease(ctx context.Context, cli *clientv3.Client, r putReq) error {
	_, err := cli.Put(ctx, r.key, r.val)
	return err
}

func inStruct(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	return put(ctx, cli, putReq{key: "k", val: "v", lease: resp.ID})
}

func inStructNotAttached(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	return putNoLease(ctx, cli, putReq{key: "k", val: "v", lease: resp.ID})
}

func attachAll(ctx context.Context, cli *clientv3.Client, ids []clientv3.LeaseID) error {
	for _, id := range ids {
		if _, err := cli.Put(ctx, "k", "v", clientv3.WithLease(id)); err != nil {
			return err
		}
	}
	return nil
}

func inSlice(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	return attachAll(ctx, cli, []clientv3.LeaseID{resp.ID})
}
