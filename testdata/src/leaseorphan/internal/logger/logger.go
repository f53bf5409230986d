// Package logger stands for a project's own logging and cleanup helpers,
// which the analyzer cannot see into from the packages that call them.
package logger

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// StartupInfo logs its arguments.
func StartupInfo(args ...interface{}) {}

// Release revokes a lease.
func Release(l clientv3.Lease, id clientv3.LeaseID) {
	l.Revoke(context.Background(), id)
}
