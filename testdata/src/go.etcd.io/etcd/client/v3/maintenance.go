package clientv3

import (
	"context"
	"io"
)

type (
	DefragmentResponse pbHeaderOnly
	AlarmResponse      struct {
		Header *ResponseHeader
		Alarms []*pbAlarmMember
	}
	AlarmMember    pbAlarmMember
	StatusResponse struct {
		Header           *ResponseHeader
		Version          string
		DbSize           int64
		Leader           uint64
		RaftIndex        uint64
		RaftTerm         uint64
		RaftAppliedIndex uint64
		Errors           []string
		DbSizeInUse      int64
		IsLearner        bool
		StorageVersion   string
		DbSizeQuota      int64
		DowngradeInfo    *struct {
			Enabled       bool
			TargetVersion string
		}
	}
	HashKVResponse struct {
		Header          *ResponseHeader
		Hash            uint32
		CompactRevision int64
		HashRevision    int64
	}
	MoveLeaderResponse pbHeaderOnly
	DowngradeResponse  struct {
		Header  *ResponseHeader
		Version string
	}

	DowngradeAction pbDowngradeAction
)

const (
	DowngradeValidate = DowngradeAction(0)
	DowngradeEnable   = DowngradeAction(1)
	DowngradeCancel   = DowngradeAction(2)
)

type Maintenance interface {
	// AlarmList gets all active alarms.
	AlarmList(ctx context.Context) (*AlarmResponse, error)

	// AlarmDisarm disarms a given alarm.
	AlarmDisarm(ctx context.Context, m *AlarmMember) (*AlarmResponse, error)

	// Defragment releases wasted space from internal fragmentation on a given etcd member.
	Defragment(ctx context.Context, endpoint string) (*DefragmentResponse, error)

	// Status gets the status of the endpoint.
	Status(ctx context.Context, endpoint string) (*StatusResponse, error)

	// HashKV returns a hash of the KV state at the time of the RPC.
	HashKV(ctx context.Context, endpoint string, rev int64) (*HashKVResponse, error)

	// SnapshotWithVersion returns a reader for a point-in-time snapshot and version of etcd that created it.
	SnapshotWithVersion(ctx context.Context) (*SnapshotResponse, error)

	// Snapshot provides a reader for a point-in-time snapshot of etcd.
	Snapshot(ctx context.Context) (io.ReadCloser, error)

	// MoveLeader requests current leader to transfer its leadership to the transferee.
	MoveLeader(ctx context.Context, transfereeID uint64) (*MoveLeaderResponse, error)

	// Downgrade requests downgrades, verifies feasibility or cancels downgrade
	// on the cluster version.
	Downgrade(ctx context.Context, action DowngradeAction, version string) (*DowngradeResponse, error)
}

// SnapshotResponse is aggregated response from the snapshot stream.
type SnapshotResponse struct {
	Header   *ResponseHeader
	Snapshot io.ReadCloser
	Version  string
}

// NewMaintenance returns a Maintenance; the stub returns nil (never executed).
func NewMaintenance(c *Client) Maintenance { return nil }

// NewMaintenanceFromMaintenanceClient returns a Maintenance; the stub returns nil.
func NewMaintenanceFromMaintenanceClient(remote pbMaintenanceClient, c *Client) Maintenance {
	return nil
}
