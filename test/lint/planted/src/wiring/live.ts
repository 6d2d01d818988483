// stub: the live wiring, above the UI.
export const livePorts = {};
