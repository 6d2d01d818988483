/**
 * Where the host state comes from: a live host now (this one, or one reached over ssh:
 * `via` says how, `r1 via ssh`), or a snapshot file taken earlier.
 */
export type HostOrigin =
  | { readonly kind: 'live'; readonly via?: string }
  | { readonly kind: 'snapshot'; readonly path: string };
