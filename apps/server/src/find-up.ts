import { existsSync } from 'node:fs';

/**
 * The first `relative` path that exists in the folder of `from` or above it, or null. natscope's modules run
 * both from src/ (tsx, tests) and from a bundle in dist/, so paths to the repository's other folders (the
 * fixtures, the built web app) are found rather than counted in '../'.
 */
export function findUp(relative: string, from: string | URL): URL | null {
  let dir = new URL('.', from);
  for (let depth = 0; depth < 10; depth++) {
    const candidate = new URL(relative, dir);
    if (existsSync(candidate)) return candidate;
    const parent = new URL('..', dir);
    if (parent.href === dir.href) break;
    dir = parent;
  }
  return null;
}
