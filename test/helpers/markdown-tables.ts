// Finding tables in an mdast tree, and telling whether the pipeline's table reader built one.

export interface TableNode {
  type: string;
  value?: string;
  url?: string;
  children?: TableNode[];
  position?: { start: object; end: object };
}

export function tables(node: TableNode, out: TableNode[] = []): TableNode[] {
  if (node.type === 'table') out.push(node);
  for (const child of node.children ?? []) tables(child, out);
  return out;
}

/** Read by the table reader: its rows share point objects with their cells (upstream makes a copy for each node). */
export function readFast(table: TableNode): boolean {
  const row = table.children![0];
  return row.position!.start === row.children![0].position!.start;
}
