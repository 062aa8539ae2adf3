import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';

/** The bundle's stand-ins must keep the contracts of the libraries they replace. */

const require = createRequire(import.meta.url);
const tinyInflate = require('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const shim = require('../scripts/bundle-shims/tiny-inflate.cjs') as typeof tinyInflate;

describe('tiny-inflate stand-in', () => {
  const inputs = [
    Buffer.from('部门决算'.repeat(2000)),
    Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7919) % 251)),
    Buffer.alloc(0),
  ];
  for (const [i, raw] of inputs.entries()) {
    it(`inflates like tiny-inflate (input ${i + 1})`, () => {
      const packed = deflateRawSync(raw);
      const exact = [tinyInflate(packed, new Uint8Array(raw.length)), shim(packed, new Uint8Array(raw.length))];
      expect(Buffer.from(exact[1]!).equals(Buffer.from(exact[0]!))).toBe(true);
      expect(Buffer.from(exact[1]!).equals(raw)).toBe(true);
      // A destination larger than the data: both give back just the data.
      const roomy = [tinyInflate(packed, new Uint8Array(raw.length + 16)), shim(packed, new Uint8Array(raw.length + 16))];
      expect(roomy[1]!.length).toBe(roomy[0]!.length);
      expect(Buffer.from(roomy[1]!).equals(Buffer.from(roomy[0]!))).toBe(true);
    });
  }
});

describe('AES stand-in', () => {
  it('loads the real cipher on first use', async () => {
    const lazy = require('../scripts/bundle-shims/noble-aes.cjs') as { cbc: Function; ecb: Function };
    const real = (await import('@noble/ciphers/aes.js')) as { cbc: Function; ecb: Function };
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(3);
    const data = new TextEncoder().encode('决算公开');
    expect(Buffer.from(lazy.cbc(key, iv).encrypt(data)).toString('hex')).toBe(Buffer.from(real.cbc(key, iv).encrypt(data)).toString('hex'));
    expect(Buffer.from(lazy.ecb(key).encrypt(data)).toString('hex')).toBe(Buffer.from(real.ecb(key).encrypt(data)).toString('hex'));
  });
});

describe('fontkit stand-in', () => {
  it('opens a font as fontkit does, loading it on first use', () => {
    const lazy = require('../scripts/bundle-shims/fontkit.cjs') as { create(b: Uint8Array): { postscriptName: string; numGlyphs: number } };
    const real = require('fontkit') as typeof lazy;
    const bytes = require('node:fs').readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'));
    const [a, b] = [lazy.create(bytes), real.create(bytes)];
    expect(a.postscriptName).toBe(b.postscriptName);
    expect(a.numGlyphs).toBe(b.numGlyphs);
  });
});
