/**
 * A small seeded generator (sfc32, seeded through splitmix32) so that the same `--seed` gives the same
 * people, stories and dates on every machine. Math.random is never used by the seed.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    let h = 0x9e3779b9;
    for (const s of seeds) h = Math.imul(h ^ (s >>> 0), 0x85ebca6b) ^ Math.imul((s / 2 ** 32) >>> 0, 0xc2b2ae35);
    const next = () => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /**
   * Names are not uniform: a few are very common (Mohammad, Ali, Karimov) and many are rare. Picking
   * with a Zipf-like bias toward the front of each list gives the skewed frequencies that make name
   * search hard in real registers.
   */
  zipf<T>(items: readonly T[], s = 0.9): T {
    const n = items.length;
    // Inverse transform of the continuous approximation of a Zipf distribution over ranks 1..n.
    const u = this.next();
    const rank = Math.pow(u * (Math.pow(n + 1, 1 - s) - 1) + 1, 1 / (1 - s)) - 1;
    return items[Math.min(n - 1, Math.max(0, Math.floor(rank)))]!;
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, chars);
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

/**
 * Ids for records written straight to the store. They are laid out like UUIDv7 (time first, then a
 * counter, then seeded bits), so consecutive records get increasing ids: with random v4 ids every
 * insert into the id indexes of a million-person store lands on a cold page, and seeding slowed down
 * by half between 50k and 150k persons.
 */
export class IdMaker {
  private counter: number;

  constructor(
    private readonly millis: number,
    start: number,
    private readonly prng: Prng,
  ) {
    this.counter = start;
  }

  next(): string {
    const ts = Math.max(0, Math.floor(this.millis)).toString(16).padStart(12, '0').slice(-12);
    const seq = (this.counter++).toString(16).padStart(10, '0').slice(-10);
    // 8-4-4-4-12: time (48 bits) | version 7 + counter | variant 8 + counter | counter + seeded bits.
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${seq.slice(0, 3)}-8${seq.slice(3, 6)}-${seq.slice(6, 10)}${this.prng.hex(8)}`;
  }
}
