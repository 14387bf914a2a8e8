// The search engine of the browser side: it reads the index the build
// wrote for the page's locale and cloud (internal/search), fetching only
// the chunks a query needs, and ranks pages exactly as internal/search's
// Search does in Go (query.go): keep the two in step.

export interface Manifest {
  v: number;
  lang: string;
  n: number;
  chunks: [string, string][] | null;
  blocks: string[] | null;
  block: number;
}

interface Chunk {
  w: string[];
  g: number[];
  s: string[];
  p: number[][];
}

// A page's metadata: URL below the locale and cloud's home, title,
// breadcrumb and where its text fragment is: the pack file that holds it,
// and its offset and length there (absent when the page has none).
export type Meta = [string, string, string[], string?, number?, number?];

export interface Fragment {
  t: string;
  h?: [number, string][];
  d?: string;
}

export interface Hit {
  id: number;
  score: number;
}

export interface Result {
  hits: Hit[];
  // words are the surface words that matched (every form of a matched
  // stem), for highlighting; prefix is the word being typed, if any.
  words: Set<string>;
  prefix: string;
}

const maxWordLen = 40;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const wordChar = /[\p{L}\p{Nd}]/u;
const mark = /\p{M}/u;

// fold lower-cases a word and drops its diacritics, as Fold in Go.
export function fold(w: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(w)) return w.toLowerCase();
  return w.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

// words splits text as Words in Go does: runs of letters, digits and
// marks, and CJK as overlapping pairs; each folded.
export function words(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let curLen = 0;
  let prevCJK = "";
  let lone = false;
  const flushWord = () => {
    if (cur && curLen <= maxWordLen) out.push(fold(cur));
    cur = "";
    curLen = 0;
  };
  const flushCJK = () => {
    if (prevCJK && lone) out.push(fold(prevCJK));
    prevCJK = "";
    lone = false;
  };
  for (const ch of s) {
    if (cjk.test(ch)) {
      flushWord();
      if (prevCJK) {
        out.push(fold(prevCJK + ch));
        lone = false;
      } else {
        lone = true;
      }
      prevCJK = ch;
    } else if (wordChar.test(ch) || (cur && mark.test(ch))) {
      flushCJK();
      cur += ch;
      curLen++;
    } else {
      flushWord();
      flushCJK();
    }
  }
  flushWord();
  flushCJK();
  return out;
}

export interface Query {
  words: string[];
  prefix: boolean; // the last word may be incomplete
}

// parseQuery reads what the reader typed: its words, without repeats, and
// whether the last one is still being typed (nothing follows it).
export function parseQuery(q: string): Query {
  const ws = words(q);
  const seen = new Set<string>();
  const uniq: string[] = [];
  for (const w of ws) {
    if (!seen.has(w)) {
      seen.add(w);
      uniq.push(w);
    }
  }
  const last = Array.from(q).pop() || "";
  const prefix = uniq.length > 0 && ws[ws.length - 1] === uniq[uniq.length - 1] && (wordChar.test(last) || mark.test(last) || cjk.test(last));
  return { words: uniq, prefix };
}

async function readJSON<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(res.status + " " + res.url);
  return parseJSON<T>(new Uint8Array(await res.arrayBuffer()));
}

async function parseJSON<T>(buf: Uint8Array): Promise<T> {
  let text: string;
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    const stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
    text = await new Response(stream).text();
  } else {
    text = new TextDecoder().decode(buf);
  }
  return JSON.parse(text) as T;
}

interface Candidate {
  post: number[];
  factor: number;
}

const prefixFactor = 0.9;
const maxExpansions = 100;

export class Engine {
  private manifestP: Promise<Manifest> | null = null;
  private files = new Map<string, Promise<unknown>>();

  constructor(private indexURL: string, private filesURL: string) {}

  manifest(): Promise<Manifest> {
    if (!this.manifestP) {
      this.manifestP = fetch(this.indexURL, { cache: "no-cache" }).then((r) => readJSON<Manifest>(r));
      this.manifestP.catch(() => (this.manifestP = null));
    }
    return this.manifestP;
  }

  file<T>(name: string): Promise<T> {
    let p = this.files.get(name);
    if (!p) {
      p = fetch(this.filesURL + name).then((r) => readJSON<T>(r));
      p.catch(() => this.files.delete(name));
      this.files.set(name, p);
    }
    return p as Promise<T>;
  }

  // chunkRange lists the chunks that may hold words from lo up to (not
  // including) hi; hi "" means just the chunk of lo.
  private chunkRange(m: Manifest, lo: string, hi: string): string[] {
    const cs = m.chunks || [];
    let a = 0;
    let b = cs.length - 1;
    let at = -1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      if (cs[mid][0] <= lo) {
        at = mid;
        a = mid + 1;
      } else b = mid - 1;
    }
    if (at < 0) return [];
    const out = [cs[at][1]];
    if (hi) for (let i = at + 1; i < cs.length && cs[i][0] < hi; i++) out.push(cs[i][1]);
    return out;
  }

  async search(q: Query): Promise<Result> {
    const m = await this.manifest();
    const words = new Set<string>();
    const n = m.n;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const perWord = await Promise.all(
      q.words.map(async (w, i) => {
        const isPrefix = q.prefix && i === q.words.length - 1;
        const names = this.chunkRange(m, w, isPrefix && w.length >= 2 ? w + "\uffff" : "");
        const chunks = await Promise.all(names.map((nm) => this.file<Chunk>(nm)));
        return candidates(chunks, w, isPrefix, words);
      }),
    );
    const scores = new Map<number, number>();
    const covered = new Map<number, number>();
    let totalIDF = 0;
    for (const cands of perWord) {
      if (!cands.length) continue;
      // A word and the words it begins are one term, as rare as the pages
      // holding any of them.
      const best = new Map<number, number>();
      for (const c of cands) {
        let id = 0;
        for (let k = 0; k + 1 < c.post.length; k += 2) {
          id += c.post[k];
          const s = (c.factor * c.post[k + 1]) / 32;
          if (s > (best.get(id) || 0)) best.set(id, s);
        }
      }
      const f = idf(best.size);
      totalIDF += f;
      for (const [id, s] of best) {
        scores.set(id, (scores.get(id) || 0) + f * s);
        covered.set(id, (covered.get(id) || 0) + f);
      }
    }
    const hits: Hit[] = [];
    for (const [id, s] of scores) {
      const c = (covered.get(id) || 0) / totalIDF;
      hits.push({ id, score: s * c * c });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    const last = q.prefix && q.words.length ? q.words[q.words.length - 1] : "";
    return { hits, words, prefix: last };
  }

  async meta(id: number): Promise<Meta | null> {
    const m = await this.manifest();
    const b = Math.floor(id / m.block);
    const blocks = m.blocks || [];
    if (b >= blocks.length) return null;
    const block = await this.file<(Meta | null)[]>(blocks[b]);
    return block[id % m.block] || null;
  }

  // fragment reads a page's text fragment: its bytes of the pack, with a
  // Range request. A server that ignores Range answers 200 with the whole
  // pack, which is sliced.
  fragment(meta: Meta): Promise<Fragment> {
    const pack = meta[3];
    const off = meta[4];
    const len = meta[5];
    if (!pack || off === undefined || !len) return Promise.reject(new Error("no fragment"));
    const key = pack + "@" + off;
    let p = this.files.get(key);
    if (!p) {
      p = fetch(this.filesURL + pack, { headers: { Range: "bytes=" + off + "-" + (off + len - 1) } }).then(async (r) => {
        if (!r.ok) throw new Error(r.status + " " + r.url);
        let buf = new Uint8Array(await r.arrayBuffer());
        if (r.status !== 206) buf = buf.subarray(off, off + len);
        if (buf.length !== len) throw new Error("fragment " + key + ": " + buf.length + " bytes, want " + len);
        return parseJSON<Fragment>(buf);
      });
      p.catch(() => this.files.delete(key));
      this.files.set(key, p);
    }
    return p as Promise<Fragment>;
  }
}

function lowerBound(a: string[], w: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// candidates are the postings a query word leads to: its own word's,
// every word it begins (while typed), or else the stems it begins with
// (a form of a word the docset does not use: "removes" finds "remov").
function candidates(chunks: Chunk[], w: string, isPrefix: boolean, matched: Set<string>): Candidate[] {
  const groups = new Map<string, Candidate>();
  const add = (ci: number, g: number, factor: number) => {
    const key = ci + ":" + g;
    const have = groups.get(key);
    if (have && have.factor >= factor) return;
    groups.set(key, { post: chunks[ci].p[g], factor });
    const c = chunks[ci];
    for (let k = 0; k < c.w.length; k++) if (c.g[k] === g) matched.add(c.w[k]);
  };
  let exact = false;
  chunks.forEach((c, ci) => {
    const at = lowerBound(c.w, w);
    if (at < c.w.length && c.w[at] === w) {
      add(ci, c.g[at], 1);
      exact = true;
    }
  });
  let expanded = 0;
  if (isPrefix && w.length >= 2) {
    chunks.forEach((c, ci) => {
      for (let k = lowerBound(c.w, w); k < c.w.length && c.w[k].startsWith(w) && expanded < maxExpansions; k++) {
        if (c.w[k] !== w) {
          const r = w.length / c.w[k].length;
          add(ci, c.g[k], prefixFactor * r * r);
          expanded++;
        }
      }
    });
  }
  if (!exact && !expanded && chunks.length) {
    const c = chunks[0];
    c.s.forEach((s, g) => {
      if (s.length >= 3 && s.length >= w.length - 4 && w.startsWith(s)) add(0, g, prefixFactor);
    });
  }
  return Array.from(groups.values());
}
