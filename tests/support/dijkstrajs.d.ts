/** The `dijkstrajs` package (MIT) has no types of its own: what the export test uses of it. */
declare module 'dijkstrajs' {
  type Graph = Record<string, Record<string, number>>;
  const dijkstra: {
    /** Predecessor of each node on the shortest paths from `s` (all nodes when `d` is left out). */
    single_source_shortest_paths(graph: Graph, s: string, d?: string): Record<string, string>;
  };
  export default dijkstra;
}
