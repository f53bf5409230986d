package checks

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// One CL1 finding, for the plugin's checks setting.
func get(ctx context.Context) error {
	cli, err := clientv3.New(clientv3.Config{}) // want `client from clientv3.New leaks`
	if err != nil {
		return err
	}
	_, err = cli.Get(ctx, "k")
	return err
}
