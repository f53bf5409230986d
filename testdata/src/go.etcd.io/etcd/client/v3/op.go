package clientv3

type opType int

const (
	// A default Op has opType 0, which is invalid.
	tRange opType = iota + 1
	tPut
	tDeleteRange
	tTxn
)

// Op represents an Operation that kv can execute.
type Op struct {
	t   opType
	key []byte
	end []byte

	limit        int64
	sort         *SortOption
	serializable bool
	keysOnly     bool
	countOnly    bool
	minModRev    int64
	maxModRev    int64
	minCreateRev int64
	maxCreateRev int64

	rev int64

	prevKV bool

	fragment           bool
	watchBufLogEnabled bool

	ignoreValue bool
	ignoreLease bool

	progressNotify bool
	createdNotify  bool
	filterPut      bool
	filterDelete   bool

	val     []byte
	leaseID LeaseID

	cmps    []Cmp
	thenOps []Op
	elseOps []Op

	isOptsWithFromKey bool
	isOptsWithPrefix  bool
}

func (op Op) IsTxn() bool                { return op.t == tTxn }
func (op Op) Txn() ([]Cmp, []Op, []Op)   { return op.cmps, op.thenOps, op.elseOps }
func (op Op) KeyBytes() []byte           { return op.key }
func (op *Op) WithKeyBytes(key []byte)   { op.key = key }
func (op Op) RangeBytes() []byte         { return op.end }
func (op Op) Rev() int64                 { return op.rev }
func (op Op) Limit() int64               { return op.limit }
func (op Op) IsPut() bool                { return op.t == tPut }
func (op Op) IsGet() bool                { return op.t == tRange }
func (op Op) IsDelete() bool             { return op.t == tDeleteRange }
func (op Op) IsSerializable() bool       { return op.serializable }
func (op Op) IsKeysOnly() bool           { return op.keysOnly }
func (op Op) IsCountOnly() bool          { return op.countOnly }
func (op Op) IsSortSet() bool            { return op.sort != nil }
func (op Op) IsOptsWithFromKey() bool    { return op.isOptsWithFromKey }
func (op Op) IsOptsWithPrefix() bool     { return op.isOptsWithPrefix }
func (op Op) IsPrevKV() bool             { return op.prevKV }
func (op Op) IsFragment() bool           { return op.fragment }
func (op Op) IsProgressNotify() bool     { return op.progressNotify }
func (op Op) IsCreatedNotify() bool      { return op.createdNotify }
func (op Op) IsFilterPut() bool          { return op.filterPut }
func (op Op) IsFilterDelete() bool       { return op.filterDelete }
func (op Op) MinModRev() int64           { return op.minModRev }
func (op Op) MaxModRev() int64           { return op.maxModRev }
func (op Op) MinCreateRev() int64        { return op.minCreateRev }
func (op Op) MaxCreateRev() int64        { return op.maxCreateRev }
func (op *Op) WithRangeBytes(end []byte) { op.end = end }
func (op Op) ValueBytes() []byte         { return op.val }
func (op *Op) WithValueBytes(v []byte)   { op.val = v }
func (op Op) IsSortOptionValid() bool    { return true }

func (op *Op) applyOpts(opts []OpOption) {
	for _, opt := range opts {
		opt(op)
	}
}

func withTop(target SortTarget, order SortOrder) []OpOption {
	return []OpOption{WithLimit(1), WithSort(target, order)}
}

func NewOp() *Op { return &Op{key: []byte("")} }

// OpGet returns "get" operation based on given key and operation options.
func OpGet(key string, opts ...OpOption) Op { return Op{t: tRange, key: []byte(key)} }

// OpDelete returns "delete" operation based on given key and operation options.
func OpDelete(key string, opts ...OpOption) Op { return Op{t: tDeleteRange, key: []byte(key)} }

// OpPut returns "put" operation based on given key-value and operation options.
func OpPut(key, val string, opts ...OpOption) Op {
	return Op{t: tPut, key: []byte(key), val: []byte(val)}
}

// OpTxn returns "txn" operation based on given transaction conditions.
func OpTxn(cmps []Cmp, thenOps []Op, elseOps []Op) Op {
	return Op{t: tTxn, cmps: cmps, thenOps: thenOps, elseOps: elseOps}
}

// OpWatch returns a "watch" operation (only for use in Watch).
func OpWatch(key string, opts ...OpOption) Op { return Op{t: tRange, key: []byte(key)} }

// OpOption configures Operations like Get, Put, Delete.
type OpOption func(*Op)

// WithLease attaches a lease ID to a key in 'Put' request.
func WithLease(leaseID LeaseID) OpOption {
	return func(op *Op) { op.leaseID = leaseID }
}

func WithLimit(n int64) OpOption { return func(op *Op) { op.limit = n } }
func WithRev(rev int64) OpOption { return func(op *Op) { op.rev = rev } }

func WithSort(target SortTarget, order SortOrder) OpOption {
	return func(op *Op) { op.sort = &SortOption{target, order} }
}

func GetPrefixRangeEnd(prefix string) string { return prefix }

func WithPrefix() OpOption {
	return func(op *Op) { op.isOptsWithPrefix = true }
}

func WithRange(endKey string) OpOption {
	return func(op *Op) { op.end = []byte(endKey) }
}

func WithFromKey() OpOption {
	return func(op *Op) { op.isOptsWithFromKey = true }
}

func WithSerializable() OpOption { return func(op *Op) { op.serializable = true } }
func WithKeysOnly() OpOption     { return func(op *Op) { op.keysOnly = true } }
func WithCountOnly() OpOption    { return func(op *Op) { op.countOnly = true } }

func WithMinModRev(rev int64) OpOption    { return func(op *Op) { op.minModRev = rev } }
func WithMaxModRev(rev int64) OpOption    { return func(op *Op) { op.maxModRev = rev } }
func WithMinCreateRev(rev int64) OpOption { return func(op *Op) { op.minCreateRev = rev } }
func WithMaxCreateRev(rev int64) OpOption { return func(op *Op) { op.maxCreateRev = rev } }

func WithFirstCreate() []OpOption { return withTop(SortByCreateRevision, SortAscend) }
func WithLastCreate() []OpOption  { return withTop(SortByCreateRevision, SortDescend) }
func WithFirstKey() []OpOption    { return withTop(SortByKey, SortAscend) }
func WithLastKey() []OpOption     { return withTop(SortByKey, SortDescend) }
func WithFirstRev() []OpOption    { return withTop(SortByModRevision, SortAscend) }
func WithLastRev() []OpOption     { return withTop(SortByModRevision, SortDescend) }

func WithProgressNotify() OpOption { return func(op *Op) { op.progressNotify = true } }
func WithCreatedNotify() OpOption  { return func(op *Op) { op.createdNotify = true } }
func WithFilterPut() OpOption      { return func(op *Op) { op.filterPut = true } }
func WithFilterDelete() OpOption   { return func(op *Op) { op.filterDelete = true } }
func WithPrevKV() OpOption         { return func(op *Op) { op.prevKV = true } }
func WithFragment() OpOption       { return func(op *Op) { op.fragment = true } }
func WithWatchBufLog() OpOption    { return func(op *Op) { op.watchBufLogEnabled = true } }
func WithIgnoreValue() OpOption    { return func(op *Op) { op.ignoreValue = true } }
func WithIgnoreLease() OpOption    { return func(op *Op) { op.ignoreLease = true } }

// LeaseOp represents an Operation that lease can execute.
type LeaseOp struct {
	id LeaseID

	attachedKeys bool
}

// LeaseOption configures lease operations.
type LeaseOption func(*LeaseOp)

// WithAttachedKeys makes TimeToLive list the keys attached to the given lease ID.
func WithAttachedKeys() LeaseOption {
	return func(op *LeaseOp) { op.attachedKeys = true }
}

func IsOptsWithPrefix(opts []OpOption) bool  { return false }
func IsOptsWithFromKey(opts []OpOption) bool { return false }
