// The cache contract against the in-process backend (REDIS_URL unset): its values are the
// answers themselves, never sealed, so the contract's tests of sealed values do not apply.
import { createMemoryStore, MemoryCache } from '../../src/evidence/cache/memory';
import type { EvidenceCache } from '../../src/evidence/cache/types';
import { runCacheContract } from '../unit/cache.contract';
import { isolationName } from '../support/gateway';

runCacheContract(
  'memory',
  async () => {
    const store = createMemoryStore(1000);
    const caches: EvidenceCache[] = [];
    return {
      prefix: `${isolationName('cache_memory')}:`,
      async create(codec, metrics) {
        const c = new MemoryCache({ codec, metrics, store });
        caches.push(c);
        return c;
      },
      rawKeys: async () => [...store.keys()],
      async cleanup() {
        await Promise.all(caches.map((c) => c.close()));
        store.clear();
      },
    };
  },
  { sealed: false },
);
