// Package issue11487 is the code of etcd-io/etcd#11487 ("keepAliveCtxCloser
// goroutines keeps increasing"), with its logger in another package.
package issue11487

import (
	"context"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"leaseorphan/internal/logger"
)

func RegisterPutHealth(kv clientv3.KV, lease clientv3.Lease, interval time.Duration, ip string) {
	var curLeaseId clientv3.LeaseID = 0
	seconds := int64(interval.Seconds())

	for {
		if curLeaseId == 0 {
			leaseResp, err := lease.Grant(context.TODO(), seconds+5)
			if err != nil {
				logger.StartupInfo(err.Error())
				continue
			}
			if _, err := kv.Put(context.TODO(), "/agent/health/"+ip, "Online", clientv3.WithLease(leaseResp.ID)); err != nil {
				logger.StartupInfo(err.Error())
			}
			curLeaseId = leaseResp.ID
			logger.StartupInfo("0curLeaseId: ", curLeaseId)
		} else {
			logger.StartupInfo("1curLeaseId: ", curLeaseId)
			ch, err := lease.KeepAlive(context.TODO(), curLeaseId) // want `KeepAlive runs again on the same lease each time round the loop`
			if err != nil {
				curLeaseId = 0
			}
			ka := <-ch
			fmt.Println("ttl:", ka.TTL)
		}
		time.Sleep(interval)
	}
}

// The same loop, with the lease released by a helper the analyzer cannot
// see into: it may revoke, so the loop is not reported.
func RegisterPutHealthReleased(lease clientv3.Lease, interval time.Duration, id clientv3.LeaseID) {
	for {
		ch, err := lease.KeepAlive(context.TODO(), id)
		if err != nil {
			return
		}
		<-ch
		logger.Release(lease, id)
		time.Sleep(interval)
	}
}
