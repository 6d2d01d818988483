/** Where the host state comes from: this host now, or a snapshot file taken earlier. */
export type HostOrigin =
  { readonly kind: 'live' } | { readonly kind: 'snapshot'; readonly path: string };
