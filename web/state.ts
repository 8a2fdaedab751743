/** The explorer's URL state lives in geo/state.ts, shared with the embed and the worker. */
export * from '../geo/state.ts';
