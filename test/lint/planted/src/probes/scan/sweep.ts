// Planted: a probe (not an adapter) reaching src/system/ through `import()`.
export async function sweep(): Promise<string> {
  return (await import('../../system/run.js')).runCommand();
}
