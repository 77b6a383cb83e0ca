// The mock departments keep a timeline of calls for tests of overlap; `npm start` runs them for
// days, so the timeline must not grow with every call a long-running process takes.
import { describe, expect, it } from 'vitest';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments, TIMELINE_CALLS } from '../../mocks/departments';

describe('the mock departments’ call timeline', () => {
  it('keeps the latest calls, never more than twice TIMELINE_CALLS, however many come', async () => {
    const mock = new MockDepartments(buildBuiltinDataset().dataset, { verifySignatures: false });
    const calls = 5 * TIMELINE_CALLS + 7;
    for (let i = 0; i < calls; i++) {
      expect(await mock.admit(i % 2 ? 'police' : 'health', new Request('http://mock.test/police/x'))).toBeUndefined();
      expect(mock.timeline.length).toBeLessThanOrEqual(2 * TIMELINE_CALLS);
    }
    expect(mock.timeline.length).toBeGreaterThanOrEqual(TIMELINE_CALLS);
    expect(mock.timeline.at(-1)).toMatchObject({ department: 'health' }); // the last call (an even index)
    expect(mock.stats.police.requests + mock.stats.health.requests).toBe(calls);
    mock.reset();
    expect(mock.timeline).toEqual([]);
  });
});
