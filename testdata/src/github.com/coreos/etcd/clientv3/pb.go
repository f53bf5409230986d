package clientv3

// Local stand-ins for types the real client takes from
// go.etcd.io/etcd/api/v3/etcdserverpb, go.etcd.io/etcd/api/v3/mvccpb,
// go.etcd.io/etcd/api/v3/authpb, google.golang.org/protobuf, go.uber.org/zap
// and google.golang.org/grpc. Only ResponseHeader is exported (the real
// package has no such name): the concurrency package must name it in
// Mutex.Header and Election.Header. Everything else is unexported, so the
// exported API of this stub has the same names as the real one; callers reach
// the stand-ins only through fields, methods and type inference, as with
// the pb types in real code.

// ResponseHeader stands in for etcdserverpb.ResponseHeader.
type ResponseHeader struct {
	ClusterId uint64
	MemberId  uint64
	Revision  int64
	RaftTerm  uint64
}

func (x *ResponseHeader) Reset()                              {}
func (x *ResponseHeader) String() string                      { return "" }
func (*ResponseHeader) ProtoMessage()                         {}
func (x *ResponseHeader) ProtoReflect() protoreflectMessage   { return nil }
func (*ResponseHeader) Descriptor() ([]byte, []int)           { return nil, nil }
func (x *ResponseHeader) GetClusterId() uint64                { return x.ClusterId }
func (x *ResponseHeader) GetMemberId() uint64                 { return x.MemberId }
func (x *ResponseHeader) GetRevision() int64                  { return x.Revision }
func (x *ResponseHeader) GetRaftTerm() uint64                 { return x.RaftTerm }
func (h *ResponseHeader) Clone() *ResponseHeader              { c := *h; return &c }
func (x *mvccEvent) Reset()                                   {}
func (x *mvccEvent) String() string                           { return "" }
func (*mvccEvent) ProtoMessage()                              {}
func (x *mvccEvent) ProtoReflect() protoreflectMessage        { return nil }
func (*mvccEvent) Descriptor() ([]byte, []int)                { return nil, nil }
func (x *mvccEvent) GetType() mvccEventType                   { return x.Type }
func (x *mvccEvent) GetKv() *mvccKeyValue                     { return x.Kv }
func (x *mvccEvent) GetPrevKv() *mvccKeyValue                 { return x.PrevKv }
func (e *mvccEvent) IsCreate() bool                           { return false }
func (e *mvccEvent) IsModify() bool                           { return false }
func (x *pbRangeResponse) Reset()                             {}
func (x *pbRangeResponse) String() string                     { return "" }
func (*pbRangeResponse) ProtoMessage()                        {}
func (x *pbRangeResponse) ProtoReflect() protoreflectMessage  { return nil }
func (*pbRangeResponse) Descriptor() ([]byte, []int)          { return nil, nil }
func (x *pbRangeResponse) GetHeader() *ResponseHeader         { return x.Header }
func (x *pbRangeResponse) GetKvs() []*mvccKeyValue            { return x.Kvs }
func (x *pbRangeResponse) GetMore() bool                      { return x.More }
func (x *pbRangeResponse) GetCount() int64                    { return x.Count }
func (x *pbResponseOp) GetResponseRange() *pbRangeResponse    { return nil }
func (x *pbResponseOp) GetResponsePut() *pbPutResponse        { return nil }
func (x *pbResponseOp) GetResponseDeleteRange() *pbDeleteRest { return nil }
func (x *pbResponseOp) GetResponseTxn() *pbTxnResponse        { return nil }

// protoreflectMessage stands in for protoreflect.Message.
type protoreflectMessage interface{}

// mvccKeyValue stands in for mvccpb.KeyValue.
type mvccKeyValue struct {
	Key            []byte
	CreateRevision int64
	ModRevision    int64
	Version        int64
	Value          []byte
	Lease          int64
}

// mvccEventType stands in for mvccpb.Event_EventType.
type mvccEventType int32

const (
	mvccEventPut    mvccEventType = 0
	mvccEventDelete mvccEventType = 1
)

// mvccEvent stands in for mvccpb.Event.
type mvccEvent struct {
	Type   mvccEventType
	Kv     *mvccKeyValue
	PrevKv *mvccKeyValue
}

// pbRangeResponse stands in for etcdserverpb.RangeResponse.
type pbRangeResponse struct {
	Header *ResponseHeader
	Kvs    []*mvccKeyValue
	More   bool
	Count  int64
}

// pbPutResponse stands in for etcdserverpb.PutResponse.
type pbPutResponse struct {
	Header *ResponseHeader
	PrevKv *mvccKeyValue
}

// pbDeleteRest stands in for etcdserverpb.DeleteRangeResponse.
type pbDeleteRest struct {
	Header  *ResponseHeader
	Deleted int64
	PrevKvs []*mvccKeyValue
}

// pbResponseOp stands in for etcdserverpb.ResponseOp.
type pbResponseOp struct{}

// pbTxnResponse stands in for etcdserverpb.TxnResponse.
type pbTxnResponse struct {
	Header    *ResponseHeader
	Succeeded bool
	Responses []*pbResponseOp
}

// pbCompare stands in for etcdserverpb.Compare.
type pbCompare struct {
	Key      []byte
	RangeEnd []byte
}

// pbHeaderOnly stands in for the etcdserverpb responses that carry only a
// header (CompactionResponse, LeaseRevokeResponse, several Auth*Response).
type pbHeaderOnly struct {
	Header *ResponseHeader
}

// pbMember stands in for etcdserverpb.Member.
type pbMember struct {
	ID         uint64
	Name       string
	PeerURLs   []string
	ClientURLs []string
	IsLearner  bool
}

// pbMembersResponse stands in for etcdserverpb.Member{List,Remove,Update,Promote}Response.
type pbMembersResponse struct {
	Header  *ResponseHeader
	Members []*pbMember
}

// pbMemberAddResponse stands in for etcdserverpb.MemberAddResponse.
type pbMemberAddResponse struct {
	Header  *ResponseHeader
	Member  *pbMember
	Members []*pbMember
}

// pbAlarmType stands in for etcdserverpb.AlarmType.
type pbAlarmType int32

// pbAlarmMember stands in for etcdserverpb.AlarmMember.
type pbAlarmMember struct {
	MemberID uint64
	Alarm    pbAlarmType
}

// pbDowngradeAction stands in for etcdserverpb.DowngradeRequest_DowngradeAction.
type pbDowngradeAction int32

// authpbPermissionType stands in for authpb.Permission_Type.
type authpbPermissionType int32

// authpbPermission stands in for authpb.Permission.
type authpbPermission struct {
	PermType authpbPermissionType
	Key      []byte
	RangeEnd []byte
}

// authpbUserAddOptions stands in for authpb.UserAddOptions.
type authpbUserAddOptions struct {
	NoPassword bool
}

// gRPC client interfaces (etcdserverpb.KVClient, ...), stand-ins.
type (
	pbKVClient          interface{}
	pbLeaseClient       interface{}
	pbWatchClient       interface{}
	pbClusterClient     interface{}
	pbAuthClient        interface{}
	pbMaintenanceClient interface{}
)

// zapLogger stands in for zap.Logger.
type zapLogger struct{}

// zapConfig stands in for zap.Config.
type zapConfig struct{}

// zapcoreLevel stands in for zapcore.Level.
type zapcoreLevel int8

// grpcClientConn stands in for grpc.ClientConn.
type grpcClientConn struct{}

// grpcDialOption stands in for grpc.DialOption.
type grpcDialOption interface{}

// grpclogLoggerV2 stands in for grpclog.LoggerV2.
type grpclogLoggerV2 interface{}
