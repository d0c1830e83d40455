import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { formatDuration } from '../lib/format';
import { serviceColor } from '../trace-view/service-colors';
import type { TraceModel } from '../trace-view/trace-model';
import { FULL_WINDOW, windowBetween, type ViewWindow } from '../trace-view/viewed-bounds';
import { CONTEXT } from './analysis-view';
import {
  FLAME_ROW_HEIGHT,
  flameHit,
  flameLevels,
  flamePicture,
  windowShowing,
  zoomWindow,
  type FlameScope,
  type FlameViewport,
} from './flame-layout';
import { selfTimesOf } from './self-time';

const ZOOM_MS = 180;
const LABEL_MIN_PX = 36;

interface FlameGraphProps {
  readonly model: TraceModel;
  readonly scope: FlameScope;
  readonly window: ViewWindow;
  readonly onWindow: (window: ViewWindow) => void;
  readonly selectedRow: number;
  readonly onSelect: (row: number) => void;
  /** Per row: 1 when it matches the find query; the others are dimmed. */
  readonly matchFlags: Uint8Array | undefined;
}

function useSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Black or white text, whichever reads better on the service color. */
const textColors = new Map<string, string>();
function textOn(color: string): string {
  let text = textColors.get(color);
  if (!text) {
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16) / 255);
    const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    text = luminance > 0.45 ? '#111' : '#fff';
    textColors.set(color, text);
  }
  return text;
}

/**
 * The flame graph (an icicle) of the view's spans on a canvas: the root on top, each span under
 * its parent at its place in time. Click a span to select it and zoom to it; Ctrl/⌘ + wheel zooms
 * around the pointer, Shift + wheel pans; ↑ ↓ ← → move the selection; Escape shows everything.
 */
export function FlameGraph(props: FlameGraphProps) {
  const { model, scope, window, onWindow, selectedRow, onSelect, matchFlags } = props;
  const { spans } = model;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height } = useSize(container);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ row: number; x: number; y: number }>();
  const levels = useMemo(() => flameLevels(spans, scope), [spans, scope]);
  const windowRef = useRef(window);
  windowRef.current = window;
  const animation = useRef(0);
  const clickedRow = useRef(-1);
  const firstDraw = useRef(true);

  const viewport = useMemo<FlameViewport>(
    () => ({
      startUs: window.start * model.durationUs,
      endUs: window.end * model.durationUs,
      width,
      height,
      scrollTop,
      rowHeight: FLAME_ROW_HEIGHT,
    }),
    [window, model.durationUs, width, height, scrollTop],
  );

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || width < 1 || height < 1) return;
    const started = performance.now();
    const ratio = globalThis.devicePixelRatio || 1;
    if (element.width !== Math.round(width * ratio)) element.width = Math.round(width * ratio);
    if (element.height !== Math.round(height * ratio)) element.height = Math.round(height * ratio);
    const context = element.getContext('2d');
    if (!context) return;
    const styles = getComputedStyle(element);
    const selectedColor = styles.getPropertyValue('--fg').trim() || '#000';
    const errorColor = styles.getPropertyValue('--error').trim() || '#c62828';
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'middle';
    const charWidth = context.measureText('abcdefghijklmnopqrstuvwxyz0123456789').width / 36;
    const picture = flamePicture(spans, scope, viewport);
    const rowHeight = FLAME_ROW_HEIGHT;
    for (const rect of picture.rects) {
      const span = spans[rect.row]!;
      const left = Math.max(-1, rect.x);
      const right = Math.min(width + 1, rect.x + rect.width);
      const dimmed =
        (matchFlags !== undefined && !matchFlags[rect.row]) || scope.shown?.[rect.row] === CONTEXT;
      context.globalAlpha = dimmed ? 0.35 : 1;
      const color = serviceColor(span.serviceIndex);
      context.fillStyle = color;
      context.fillRect(left, rect.y, Math.max(1, right - left - 1), rowHeight - 1);
      if (span.isError) {
        context.strokeStyle = errorColor;
        context.lineWidth = 2;
        context.strokeRect(left + 1, rect.y + 1, Math.max(1, right - left - 3), rowHeight - 3);
      }
      const room = right - Math.max(0, left) - 8;
      if (room >= LABEL_MIN_PX - 8) {
        const duration = formatDuration(span.endUs - span.startUs);
        const full = `${span.name} · ${duration}`;
        const chars = Math.floor(room / charWidth);
        const text =
          full.length <= chars
            ? full
            : span.name.length <= chars
              ? span.name
              : `${span.name.slice(0, Math.max(1, chars - 1))}…`;
        context.fillStyle = textOn(color);
        context.fillText(text, Math.max(0, left) + 4, rect.y + rowHeight / 2);
      }
    }
    context.globalAlpha = 1;
    for (const run of picture.runs) {
      context.fillStyle = serviceColor(run.service);
      context.fillRect(run.x, run.y, run.width, rowHeight - 1);
    }
    const selected = spans[selectedRow];
    if (selected && selectedRow >= scope.from && selectedRow < scope.to) {
      const scale = width / (viewport.endUs - viewport.startUs || 1);
      const x0 = (selected.startUs - viewport.startUs) * scale;
      const x1 = Math.max(x0 + 2, (selected.endUs - viewport.startUs) * scale);
      const y = (selected.depth - scope.depthOffset) * rowHeight - scrollTop;
      context.strokeStyle = selectedColor;
      context.lineWidth = 2;
      context.strokeRect(
        Math.max(-2, x0),
        y,
        Math.min(width + 4, x1) - Math.max(-2, x0),
        rowHeight - 1,
      );
    }
    // For `npm run bench:viewer`: each draw's duration, and when the first one is done.
    performance.measure('spanlight:flame-draw', { start: started });
    if (firstDraw.current) {
      firstDraw.current = false;
      performance.mark('spanlight:flame-first-draw');
    }
  }, [spans, scope, viewport, width, height, scrollTop, selectedRow, matchFlags]);

  const animateTo = useCallback(
    (target: ViewWindow) => {
      cancelAnimationFrame(animation.current);
      const from = windowRef.current;
      const started = performance.now();
      const step = (now: number) => {
        const t = Math.min(1, (now - started) / ZOOM_MS);
        const eased = 1 - (1 - t) ** 3;
        const start = from.start + (target.start - from.start) * eased;
        const end = from.end + (target.end - from.end) * eased;
        onWindow(t >= 1 ? target : windowBetween(start, end));
        if (t < 1) animation.current = requestAnimationFrame(step);
      };
      animation.current = requestAnimationFrame(step);
    },
    [onWindow],
  );
  useEffect(() => () => cancelAnimationFrame(animation.current), []);

  const zoomTo = useCallback(
    (row: number) => {
      const span = spans[row];
      if (!span || !(model.durationUs > 0)) return;
      animateTo(windowBetween(span.startUs / model.durationUs, span.endUs / model.durationUs));
    },
    [spans, model.durationUs, animateTo],
  );

  // Ctrl/⌘ + wheel zooms (the page must not zoom instead: React's wheel listener is passive).
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const bounds = element.getBoundingClientRect();
      const anchor = Math.min(1, Math.max(0, (event.clientX - bounds.left) / bounds.width));
      const current = windowRef.current;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        cancelAnimationFrame(animation.current);
        onWindow(zoomWindow(current, Math.exp(event.deltaY * 0.002), anchor));
      } else if (event.shiftKey) {
        event.preventDefault();
        const length = current.end - current.start;
        const shift = ((event.deltaY || event.deltaX) / bounds.width) * length;
        const start = Math.min(1 - length, Math.max(0, current.start + shift));
        onWindow({ start, end: start + length });
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [onWindow]);

  // A span selected elsewhere (the waterfall, the event list) is brought into view here.
  useEffect(() => {
    const element = container.current;
    const span = spans[selectedRow];
    if (!element || !span || selectedRow === clickedRow.current) return;
    const top = (span.depth - scope.depthOffset) * FLAME_ROW_HEIGHT;
    if (
      top < element.scrollTop ||
      top + FLAME_ROW_HEIGHT > element.scrollTop + element.clientHeight
    )
      element.scrollTop = Math.max(0, top - element.clientHeight / 2);
    const shown = windowShowing(windowRef.current, model.durationUs, span.startUs, span.endUs);
    if (shown !== windowRef.current) onWindow(shown);
  }, [selectedRow, spans, scope.depthOffset, model.durationUs, onWindow]);

  const pointAt = (event: MouseEvent) => {
    const bounds = canvas.current!.getBoundingClientRect();
    return flameHit(
      spans,
      scope,
      viewport,
      event.clientX - bounds.left,
      event.clientY - bounds.top,
    );
  };
  const onMouseMove = (event: MouseEvent) => {
    const row = pointAt(event);
    setHover(row >= 0 ? { row, x: event.clientX, y: event.clientY } : undefined);
  };
  const onClick = (event: MouseEvent) => {
    const row = pointAt(event);
    if (row < 0) return;
    clickedRow.current = row;
    onSelect(row);
    zoomTo(row);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const span = spans[selectedRow];
    const inScope = (row: number) =>
      row >= scope.from && row < scope.to && (!scope.shown || scope.shown[row] !== 0);
    const select = (row: number) => {
      if (row < 0 || !inScope(row)) return;
      clickedRow.current = -1;
      onSelect(row);
    };
    const siblings = () => {
      const parent = span && span.parentRow >= 0 ? spans[span.parentRow]! : undefined;
      const list: number[] = [];
      if (!parent) return list;
      for (let child = parent.row + 1; child < parent.subtreeEnd; child = spans[child]!.subtreeEnd)
        if (inScope(child)) list.push(child);
      return list;
    };
    switch (event.key) {
      case 'ArrowUp':
        if (span && selectedRow !== scope.from) select(span.parentRow);
        else if (!span) select(scope.from);
        break;
      case 'ArrowDown':
        if (!span) select(scope.from);
        else
          for (let child = span.row + 1; child < span.subtreeEnd; child = spans[child]!.subtreeEnd)
            if (inScope(child)) {
              select(child);
              break;
            }
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const list = siblings();
        const at = list.indexOf(selectedRow);
        if (at >= 0) select(list[at + (event.key === 'ArrowLeft' ? -1 : 1)] ?? -1);
        break;
      }
      case 'Enter':
        if (span) zoomTo(span.row);
        break;
      case 'Escape':
        animateTo(FULL_WINDOW);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const hovered = hover ? spans[hover.row] : undefined;
  const self = hovered ? selfTimesOf(model)[hovered.row]! : 0;
  return (
    <div
      ref={container}
      className="flame"
      role="figure"
      aria-label="Flame graph: click a span to zoom to it"
      data-selected-span={spans[selectedRow]?.spanId}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div
        className="flame-content"
        style={{ height: Math.max(height, levels * FLAME_ROW_HEIGHT) }}
      >
        <canvas
          ref={canvas}
          className="flame-canvas"
          data-testid="flame-canvas"
          style={{ width, height }}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHover(undefined)}
          onClick={onClick}
        />
      </div>
      {hovered && hover && (
        <div
          className="span-tooltip"
          role="tooltip"
          style={{ left: Math.min(hover.x + 14, globalThis.innerWidth - 320), top: hover.y + 16 }}
        >
          <div className="span-tooltip-name">{hovered.name}</div>
          <div>
            <span className="muted">Service</span> {hovered.serviceName}
          </div>
          <div>
            <span className="muted">Total</span> {formatDuration(hovered.endUs - hovered.startUs)}
          </div>
          <div>
            <span className="muted">Self</span> {formatDuration(self)}
          </div>
          {hovered.isError && (
            <div className="error-text">
              Error{hovered.statusMessage ? `: ${hovered.statusMessage}` : ''}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
