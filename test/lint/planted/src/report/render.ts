// stub: the top of the pure band.
export const render = (): string => '';
