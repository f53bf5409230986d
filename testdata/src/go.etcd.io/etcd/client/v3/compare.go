package clientv3

type (
	CompareTarget int
	CompareResult int
)

const (
	CompareVersion CompareTarget = iota
	CompareCreated
	CompareModified
	CompareValue
)

type Cmp struct {
	c *pbCompare
}

func FromCompare(c *pbCompare) Cmp { return Cmp{c: c} }

func (cmp *Cmp) GetCompare() *pbCompare { return cmp.c }

func (cmp *Cmp) Clone() Cmp { return Cmp{c: cmp.c} }

// Compare builds a comparison; result is one of "=", "!=", ">", "<".
func Compare(cmp Cmp, result string, v any) Cmp { return cmp }

func Value(key string) Cmp          { return Cmp{c: &pbCompare{Key: []byte(key)}} }
func Version(key string) Cmp        { return Cmp{c: &pbCompare{Key: []byte(key)}} }
func CreateRevision(key string) Cmp { return Cmp{c: &pbCompare{Key: []byte(key)}} }
func ModRevision(key string) Cmp    { return Cmp{c: &pbCompare{Key: []byte(key)}} }

// LeaseValue compares a key's LeaseID to a value of your choosing.
func LeaseValue(key string) Cmp { return Cmp{c: &pbCompare{Key: []byte(key)}} }

// KeyBytes returns the byte slice holding with the comparison key.
func (cmp *Cmp) KeyBytes() []byte { return nil }

// WithKeyBytes sets the byte slice for the comparison key.
func (cmp *Cmp) WithKeyBytes(key []byte) {}

// ValueBytes returns the byte slice holding the comparison value, if any.
func (cmp *Cmp) ValueBytes() []byte { return nil }

// WithValueBytes sets the byte slice for the comparison's value.
func (cmp *Cmp) WithValueBytes(v []byte) {}

// WithRange sets the comparison to scan the range [key, end).
func (cmp Cmp) WithRange(end string) Cmp { return cmp }

// WithPrefix sets the comparison to scan all keys prefixed by the key.
func (cmp Cmp) WithPrefix() Cmp { return cmp }
