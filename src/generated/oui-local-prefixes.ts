// Made by `npm run docs` (scripts/oui-local-prefixes.ts) from oui-data: do not edit.

/** The IEEE registry prefixes whose first octet has the U/L bit set, sorted. */
export const LOCAL_REGISTRY_PREFIXES: readonly string[] = [
  '020701',
  '021C7C',
  '026086',
  '02608C',
  '027001',
  '0270B0',
  '0270B3',
  '029D8E',
  '02AA3C',
  '02BB01',
  '02C08C',
  '02CF1C',
  '02E6D3',
  'AA0000',
  'AA0001',
  'AA0002',
  'AA0003',
  'AA0004',
];
