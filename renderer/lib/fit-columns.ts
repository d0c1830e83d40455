// Which table columns fit a width: each column has a width (a fixed one, or the least a flexible
// one needs) and a priority; while the sum is too wide, the least important column goes (the
// rightmost of equals). Hidden columns are named beside the table, never dropped silently.

export interface ColumnSpec<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  /** Pixels: the column's width, or the least a flexible column (`flexible`) needs. */
  readonly width: number;
  readonly flexible?: boolean;
  /** 1: always shown; higher numbers go first. */
  readonly priority: number;
}

export interface FittedColumns<Id extends string> {
  readonly shown: readonly ColumnSpec<Id>[];
  readonly hidden: readonly ColumnSpec<Id>[];
  /** The least width the shown columns need (the table scrolls below it). */
  readonly minWidth: number;
}

export function fitColumns<Id extends string>(
  columns: readonly ColumnSpec<Id>[],
  availableWidth: number,
): FittedColumns<Id> {
  const shown = [...columns];
  const hidden: ColumnSpec<Id>[] = [];
  let total = shown.reduce((sum, column) => sum + column.width, 0);
  while (total > availableWidth) {
    let drop = -1;
    shown.forEach((column, index) => {
      if (column.priority > 1 && (drop < 0 || column.priority >= shown[drop]!.priority)) {
        drop = index;
      }
    });
    if (drop < 0) break;
    const [gone] = shown.splice(drop, 1);
    hidden.push(gone!);
    total -= gone!.width;
  }
  // Named in the table's order, not in the order they went.
  const order = (column: ColumnSpec<Id>) => columns.indexOf(column);
  hidden.sort((a, b) => order(a) - order(b));
  return { shown, hidden, minWidth: total };
}
