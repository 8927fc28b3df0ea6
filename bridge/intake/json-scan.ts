/**
 * One pass over a JSON text before JSON.parse sees it, without recursion, so no input can exhaust the
 * stack: it bounds the nesting depth, finds what PostgreSQL cannot store (NUL, lone surrogates), and
 * quotes integers JSON.parse would round (beyond 2^53) so they reach the ledger and the engine exactly,
 * as text. Node 20's JSON.parse reviver cannot see a number's source text, hence the scan.
 * Invalid JSON is left for JSON.parse to report; the scan only has to be right on valid input.
 */
export type JsonScan = { ok: true; text: string } | { ok: false; problem: string };

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

export function scanJson(text: string, limits: { maxDepth: number }): JsonScan {
  let depth = 0;
  let out: string[] | undefined;
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      i++;
      while (i < text.length) {
        const s = text.charCodeAt(i);
        if (s === 0x22) break;
        if (s === 0x5c /* \ */) {
          if (text.charCodeAt(i + 1) === 0x75 /* u */) {
            const unit = parseInt(text.slice(i + 2, i + 6), 16);
            if (unit === 0) return { ok: false, problem: 'the envelope contains NUL (U+0000) characters, which cannot be stored' };
            if (unit >= 0xd800 && unit <= 0xdbff) {
              const low = text.startsWith('\\u', i + 6) ? parseInt(text.slice(i + 8, i + 12), 16) : NaN;
              if (!(low >= 0xdc00 && low <= 0xdfff)) return { ok: false, problem: 'the envelope contains a lone UTF-16 surrogate, which cannot be stored' };
              i += 12;
              continue;
            }
            if (unit >= 0xdc00 && unit <= 0xdfff) return { ok: false, problem: 'the envelope contains a lone UTF-16 surrogate, which cannot be stored' };
            i += 6;
          } else i += 2;
        } else i++;
      }
      i++;
    } else if (ch === 0x7b || ch === 0x5b /* { [ */) {
      if (++depth > limits.maxDepth) return { ok: false, problem: `the value nests deeper than ${limits.maxDepth} levels` };
      i++;
    } else if (ch === 0x7d || ch === 0x5d /* } ] */) {
      depth--;
      i++;
    } else if (ch === 0x2d || (ch >= 0x30 && ch <= 0x39) /* - 0-9 */) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) {
        i++;
        continue;
      }
      const token = match[0];
      const value = Number(token);
      if (!Number.isFinite(value)) return { ok: false, problem: `a number is out of range (${token.length} characters)` };
      if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(value)) {
        out ??= [];
        out.push(text.slice(copiedUpTo, i), `"${token}"`);
        copiedUpTo = i + token.length;
      }
      i += token.length;
    } else i++;
  }
  if (!out) return { ok: true, text };
  out.push(text.slice(copiedUpTo));
  return { ok: true, text: out.join('') };
}
