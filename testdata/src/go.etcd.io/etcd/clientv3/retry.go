package clientv3

// RetryKVClient implements a KVClient.
func RetryKVClient(c *Client) pbKVClient { return nil }

// RetryLeaseClient implements a LeaseClient.
func RetryLeaseClient(c *Client) pbLeaseClient { return nil }

// RetryClusterClient implements a ClusterClient.
func RetryClusterClient(c *Client) pbClusterClient { return nil }

// RetryMaintenanceClient implements a Maintenance.
func RetryMaintenanceClient(c *Client, conn *grpcClientConn) pbMaintenanceClient { return nil }

// RetryAuthClient implements a AuthClient.
func RetryAuthClient(c *Client) pbAuthClient { return nil }
