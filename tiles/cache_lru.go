package tiles

// putLocked stores e under k unless stale since gen or too big; it
// evicts least recently used tiles to stay within the byte bound.
func (c *Cache) putLocked(gen uint64, k cacheKey, e Entry) bool {
	if c.staleLocked(gen, k) {
		c.stats.Discarded++
		return false
	}
	size := int64(len(e.Data)) + int64(len(k.tileset)) + entryOverhead
	if size > c.maxBytes { // before gzipping a tile that cannot be kept
		return false
	}
	if size += int64(len(e.Gzip())); size > c.maxBytes {
		return false
	}
	if old, ok := c.entries[k]; ok {
		c.removeLocked(old)
	}
	ce := &cacheEntry{key: k, entry: e, size: size}
	c.entries[k] = ce
	c.index.add(ce)
	c.pushFront(ce)
	c.bytes += size
	for c.bytes > c.maxBytes && c.tail != nil {
		c.removeLocked(c.tail)
		c.stats.Evictions++
	}
	return true
}

// removeLocked drops e from the map, the index and the LRU list.
func (c *Cache) removeLocked(e *cacheEntry) {
	delete(c.entries, e.key)
	c.index.remove(e)
	c.unlink(e)
	c.bytes -= e.size
}

func (c *Cache) pushFront(e *cacheEntry) {
	e.prev, e.next = nil, c.head
	if c.head != nil {
		c.head.prev = e
	}
	c.head = e
	if c.tail == nil {
		c.tail = e
	}
}

func (c *Cache) unlink(e *cacheEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		c.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		c.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (c *Cache) moveToFront(e *cacheEntry) {
	if c.head == e {
		return
	}
	c.unlink(e)
	c.pushFront(e)
}

// Stats returns a snapshot of the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Entries, s.Bytes, s.MaxBytes, s.Generation = len(c.entries), c.bytes, c.maxBytes, c.gen
	return s
}
