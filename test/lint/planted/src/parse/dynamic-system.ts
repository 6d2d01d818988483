// Planted: `import()` of src/system/ from the pure band, which no-restricted-imports misses.
export async function lazily(): Promise<string> {
  return (await import('../system/run.js')).runCommand();
}
