package clientv3

// SetLogger sets grpc logger.
//
// Deprecated: use grpclog.SetLoggerV2 directly or grpc_zap.ReplaceGrpcLoggerV2.
func SetLogger(l grpclogLoggerV2) {}

// ClientLogLevel translates ETCD_CLIENT_DEBUG into zap log level.
func ClientLogLevel() zapcoreLevel { return 0 }
