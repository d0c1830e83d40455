import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { fitToolbar } from './fit-toolbar';

export interface ToolbarItem {
  readonly id: string;
  /** 1: always on the row; higher numbers move into the "More" menu first. */
  readonly priority: number;
  readonly node: ReactNode;
  /** Pushes this item and the ones after it to the right end of the row (the first such item on
   * the row does: give it to each item that may lead the right end when the one before it moved
   * into the menu). */
  readonly pushRight?: boolean;
}

interface OverflowToolbarProps {
  readonly items: readonly ToolbarItem[];
  readonly label: string;
  readonly className?: string;
  /** Rendered as a <header> (the window's banner) rather than a <div>. */
  readonly banner?: boolean;
  readonly children?: ReactNode;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((id) => b.has(id));

/**
 * A toolbar that never wraps: when its items don't fit on one row, the least important move into a
 * "More" menu at its end (and come back when there is room). Widths are measured on the row and
 * remembered while an item sits in the menu.
 */
export function OverflowToolbar({
  items,
  label,
  className,
  banner,
  children,
}: OverflowToolbarProps) {
  const row = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<string, number>());
  const [overflowed, setOverflowed] = useState<ReadonlySet<string>>(new Set());
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  const refit = useCallback(() => {
    const element = row.current;
    if (!element) return;
    for (const child of element.querySelectorAll<HTMLElement>(':scope > [data-toolbar-item]')) {
      widths.current.set(child.dataset.toolbarItem!, child.getBoundingClientRect().width);
    }
    const style = getComputedStyle(element);
    const available =
      element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const gap = parseFloat(style.columnGap) || 0;
    const moreWidth = more.current?.getBoundingClientRect().width || 72;
    const next = fitToolbar(
      items.map((item) => ({
        id: item.id,
        width: widths.current.get(item.id) ?? 0,
        priority: item.priority,
      })),
      // One pixel of slack: measured widths are fractional.
      available - 1,
      gap,
      moreWidth,
    );
    setOverflowed((current) => (sameSet(current, next) ? current : next));
  }, [items]);

  // Before paint, so a row that is too wide is never shown.
  useLayoutEffect(refit);
  useEffect(() => {
    const element = row.current;
    if (!element) return;
    const observer = new ResizeObserver(() => refit());
    observer.observe(element);
    for (const child of element.querySelectorAll(':scope > [data-toolbar-item]')) {
      observer.observe(child);
    }
    return () => observer.disconnect();
  }, [refit, overflowed]);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && more.current?.contains(event.target as Node)) return;
      setMenuOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);
  useEffect(() => {
    if (overflowed.size === 0) setMenuOpen(false);
  }, [overflowed]);

  const inline = items.filter((item) => !overflowed.has(item.id));
  const inMenu = items.filter((item) => overflowed.has(item.id));
  const firstRight = inline.findIndex((item) => item.pushRight);
  const Container = banner ? 'header' : 'div';
  return (
    <Container className={['overflow-toolbar', className].filter(Boolean).join(' ')}>
      <div ref={row} className="overflow-toolbar-row" role="toolbar" aria-label={label}>
        {inline.map((item, index) => (
          <div
            key={item.id}
            className={index === firstRight ? 'toolbar-item push-right' : 'toolbar-item'}
            data-toolbar-item={item.id}
          >
            {item.node}
          </div>
        ))}
        {inMenu.length > 0 && (
          <div ref={more} className={firstRight < 0 ? 'toolbar-more push-right' : 'toolbar-more'}>
            <button
              type="button"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              title="The tools that do not fit on this row"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              More ▾
            </button>
            <div
              id={menuId}
              className="toolbar-more-menu"
              role="group"
              aria-label={`More: ${label}`}
              hidden={!menuOpen}
            >
              {inMenu.map((item) => (
                <div key={item.id} className="toolbar-menu-item">
                  {item.node}
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
      {children}
    </Container>
  );
}
