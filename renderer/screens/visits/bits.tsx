/** Small marks shared by the ombudsman screens. */

/** A key fingerprint in groups of four, as people compare them aloud over the phone. */
export function Fingerprint({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  const groups = value.replace(/[\s:]/g, '').match(/.{1,4}/g) ?? [value];
  return (
    <code className="npm-fingerprint" data-testid="fingerprint">
      {groups.join(' ')}
    </code>
  );
}

/** A padlock drawn here: emoji fonts are not on every duty-desk machine. */
export function LockMark() {
  return (
    <svg className="npm-lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
