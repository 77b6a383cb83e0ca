// A clock time that is stable per record (hashed from its number), as a department's
// transaction timestamps would be: deterministic mocks, realistic-looking times.
export function stableClockOf(key: string): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(8 + (h % 9))}:${pad((h >>> 4) % 60)}:${pad((h >>> 10) % 60)}`;
}
