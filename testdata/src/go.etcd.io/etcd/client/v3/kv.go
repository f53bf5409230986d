package clientv3

import "context"

type (
	CompactResponse pbHeaderOnly
	PutResponse     pbPutResponse
	GetResponse     pbRangeResponse
	GetStreamChan   <-chan RangeStreamResponse
	DeleteResponse  pbDeleteRest
	TxnResponse     pbTxnResponse
)

type KV interface {
	Put(ctx context.Context, key, val string, opts ...OpOption) (*PutResponse, error)
	Get(ctx context.Context, key string, opts ...OpOption) (*GetResponse, error)
	GetStream(ctx context.Context, key string, opts ...OpOption) (GetStreamChan, error)
	Delete(ctx context.Context, key string, opts ...OpOption) (*DeleteResponse, error)
	Compact(ctx context.Context, rev int64, opts ...CompactOption) (*CompactResponse, error)
	Do(ctx context.Context, op Op) (OpResponse, error)
	Txn(ctx context.Context) Txn
}

type RangeStreamResponse struct {
	*pbRangeResponse
	closeErr error
}

func (r *RangeStreamResponse) Err() error { return r.closeErr }

func GetStreamToGetResponse(stream GetStreamChan) (*GetResponse, error) { return nil, nil }

type OpResponse struct {
	put *PutResponse
	get *GetResponse
	del *DeleteResponse
	txn *TxnResponse
}

func (op OpResponse) Put() *PutResponse    { return op.put }
func (op OpResponse) Get() *GetResponse    { return op.get }
func (op OpResponse) Del() *DeleteResponse { return op.del }
func (op OpResponse) Txn() *TxnResponse    { return op.txn }

func (resp *PutResponse) OpResponse() OpResponse    { return OpResponse{put: resp} }
func (resp *GetResponse) OpResponse() OpResponse    { return OpResponse{get: resp} }
func (resp *DeleteResponse) OpResponse() OpResponse { return OpResponse{del: resp} }
func (resp *TxnResponse) OpResponse() OpResponse    { return OpResponse{txn: resp} }

type kv struct{}

func NewKV(c *Client) KV { return &kv{} }

func NewKVFromKVClient(remote pbKVClient, c *Client) KV { return &kv{} }

func (kv *kv) Put(ctx context.Context, key, val string, opts ...OpOption) (*PutResponse, error) {
	return nil, nil
}

func (kv *kv) Get(ctx context.Context, key string, opts ...OpOption) (*GetResponse, error) {
	return nil, nil
}

func (kv *kv) GetStream(ctx context.Context, key string, opts ...OpOption) (GetStreamChan, error) {
	return nil, nil
}

func (kv *kv) Delete(ctx context.Context, key string, opts ...OpOption) (*DeleteResponse, error) {
	return nil, nil
}

func (kv *kv) Compact(ctx context.Context, rev int64, opts ...CompactOption) (*CompactResponse, error) {
	return nil, nil
}

func (kv *kv) Txn(ctx context.Context) Txn { return &txn{ctx: ctx} }

func (kv *kv) Do(ctx context.Context, op Op) (OpResponse, error) { return OpResponse{}, nil }
