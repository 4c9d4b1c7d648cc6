/**
 * The only globals core/ may use: the WHATWG URL and Encoding standards, which every runtime core runs
 * in (Node, Electron's renderer, a browser) provides alike. tsconfig.core.json has neither the DOM's
 * nor Node's types, so these are declared here, no more of them than core uses; anything else a core
 * file reaches for is a compile error there. Not part of tsconfig.json, where the DOM declares them.
 */
interface URL {
  readonly protocol: string;
  readonly hostname: string;
}
declare const URL: { prototype: URL; new (url: string, base?: string): URL };

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { prototype: TextEncoder; new (): TextEncoder };
