/** The natscope version this build is (the workspace's package.json, put in by vite.config.ts); `dev` under tests. */
export const NATSCOPE_VERSION: string = (import.meta.env.VITE_NATSCOPE_VERSION as string | undefined) ?? 'dev';
