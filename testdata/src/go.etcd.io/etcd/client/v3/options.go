package clientv3

// MaxLeaseTTL is the maximum lease TTL value
const MaxLeaseTTL = 9000000000
