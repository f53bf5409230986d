package clientv3

import "context"

const (
	EventTypeDelete = mvccEventDelete
	EventTypePut    = mvccEventPut

	// AutoWatchID is the watcher ID passed in WatchStream.Watch when no
	// user-provided ID is available.
	AutoWatchID = 0

	// InvalidWatchID represents an invalid watch ID.
	InvalidWatchID = -1
)

// Event is an alias of mvccpb.Event in the real client.
type Event = mvccEvent

type WatchChan <-chan WatchResponse

type Watcher interface {
	// Watch watches on a key or prefix.
	Watch(ctx context.Context, key string, opts ...OpOption) WatchChan

	// RequestProgress requests a progress notify response be sent in all
	// watch channels.
	RequestProgress(ctx context.Context) error

	// Close closes the watcher and cancels all watch requests.
	Close() error
}

type WatchResponse struct {
	Header *ResponseHeader
	Events []*Event

	CompactRevision int64

	Canceled bool

	Created bool

	closeErr error

	CancelReason string
}

// Err is the error value if this WatchResponse holds an error.
func (wr *WatchResponse) Err() error { return wr.closeErr }

// IsProgressNotify returns true if the WatchResponse is progress notification.
func (wr *WatchResponse) IsProgressNotify() bool { return false }

type watcher struct{}

func NewWatcher(c *Client) Watcher { return &watcher{} }

func NewWatchFromWatchClient(wc pbWatchClient, c *Client) Watcher { return &watcher{} }

func (w *watcher) Watch(ctx context.Context, key string, opts ...OpOption) WatchChan { return nil }

func (w *watcher) RequestProgress(ctx context.Context) (err error) { return nil }

func (w *watcher) Close() (err error) { return nil }
