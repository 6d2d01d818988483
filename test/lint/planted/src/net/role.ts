// stub: the network domain, above the parsers.
export const role = 'router';
