package clientv3

import (
	"context"
	"crypto/tls"
	"time"
)

// Config mirrors the real clientv3.Config field set.
type Config struct {
	Endpoints            []string      `json:"endpoints"`
	AutoSyncInterval     time.Duration `json:"auto-sync-interval"`
	DialTimeout          time.Duration `json:"dial-timeout"`
	DialKeepAliveTime    time.Duration `json:"dial-keep-alive-time"`
	DialKeepAliveTimeout time.Duration `json:"dial-keep-alive-timeout"`

	MaxCallSendMsgSize int
	MaxCallRecvMsgSize int
	TLS                *tls.Config

	Username         string `json:"username"`
	Password         string `json:"password"`
	Token            string `json:"token"`
	RejectOldCluster bool   `json:"reject-old-cluster"`

	// DialOptions stands in for []grpc.DialOption.
	DialOptions []grpcDialOption

	Context context.Context

	// Logger stands in for *zap.Logger.
	Logger *zapLogger
	// LogConfig stands in for *zap.Config.
	LogConfig *zapConfig

	PermitWithoutStream   bool          `json:"permit-without-stream"`
	MaxUnaryRetries       uint          `json:"max-unary-retries"`
	BackoffWaitBetween    time.Duration `json:"backoff-wait-between"`
	BackoffJitterFraction float64       `json:"backoff-jitter-fraction"`
}

// ConfigSpec is the configuration from users, which comes from command-line
// flags, environment variables or config file.
type ConfigSpec struct {
	Endpoints          []string      `json:"endpoints"`
	RequestTimeout     time.Duration `json:"request-timeout"`
	DialTimeout        time.Duration `json:"dial-timeout"`
	KeepAliveTime      time.Duration `json:"keepalive-time"`
	KeepAliveTimeout   time.Duration `json:"keepalive-timeout"`
	MaxCallSendMsgSize int           `json:"max-request-bytes"`
	MaxCallRecvMsgSize int           `json:"max-recv-bytes"`
	Secure             *SecureConfig `json:"secure"`
	Auth               *AuthConfig   `json:"auth"`
}

type SecureConfig struct {
	Cert       string `json:"cert"`
	Key        string `json:"key"`
	Cacert     string `json:"cacert"`
	ServerName string `json:"server-name"`

	InsecureTransport  bool `json:"insecure-transport"`
	InsecureSkipVerify bool `json:"insecure-skip-tls-verify"`
}

type AuthConfig struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Token    string `json:"token"`
}

func (cs *ConfigSpec) Clone() *ConfigSpec {
	if cs == nil {
		return nil
	}
	clone := *cs
	return &clone
}

func (cfg AuthConfig) Empty() bool {
	return cfg.Username == "" && cfg.Password == "" && cfg.Token == ""
}

// NewClientConfig creates a Config based on the provided ConfigSpec.
func NewClientConfig(confSpec *ConfigSpec, lg *zapLogger) (*Config, error) {
	return &Config{Endpoints: confSpec.Endpoints, DialTimeout: confSpec.DialTimeout, Logger: lg}, nil
}
