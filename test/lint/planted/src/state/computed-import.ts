// Planted: a computed specifier, which no layer rule could check.
export const load = (name: string): Promise<unknown> => import(name);
