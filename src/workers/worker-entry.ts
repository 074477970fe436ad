/**
 * How to start a worker thread on one of our modules, whether we run as compiled JavaScript (dist/, what
 * `npm start` runs) or as TypeScript source (tsx in development, vitest in tests). Node does not load
 * .ts files in a worker by itself, so from source the worker is booted through tsx's loader.
 */
export interface WorkerEntry {
  script: string | URL;
  /** True when `script` is code to evaluate rather than a file. */
  evalCode: boolean;
}

/**
 * @param callerUrl the calling module's `import.meta.url`
 * @param basename the worker module's file name without extension, next to the caller
 * @param onLoadFailure JavaScript run inside the worker if the module cannot be loaded (source mode only)
 * @returns null when no way to start the worker exists here
 */
export function workerEntry(callerUrl: string, basename: string, onLoadFailure = ''): WorkerEntry | null {
  if (callerUrl.endsWith('.js')) return { script: new URL(`./${basename}.js`, callerUrl), evalCode: false };
  try {
    const tsx = import.meta.resolve('tsx/esm/api');
    const target = new URL(`./${basename}.ts`, callerUrl).href;
    return {
      script: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); }).catch((e) => { ${onLoadFailure}; throw e; })`,
      evalCode: true,
    };
  } catch {
    return null;
  }
}
