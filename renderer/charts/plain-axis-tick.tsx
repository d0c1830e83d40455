import type { ReactElement } from 'react';
import type { BaseTickContentProps } from 'recharts';

/** The baseline shift recharts' own <Text> uses for each vertical anchor. */
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * An axis label as one plain SVG text. recharts' default <Text> measures every word of every label
 * (a hidden element and getBoundingClientRect: a forced page layout each) to wrap it in the axis
 * width, on every render; with the trace list updating ten times a second while spans stream in,
 * that was a fifth of the page's CPU. These labels are short and never wrap.
 */
export function plainAxisTick(format: (value: number) => string) {
  return function PlainAxisTick(props: BaseTickContentProps): ReactElement<SVGElement> {
    return (
      <text
        x={props.x}
        y={props.y}
        dy={DY[props.verticalAnchor]}
        textAnchor={props.textAnchor}
        fill={props.fill}
        className={props.className}
      >
        {format(Number(props.payload.value))}
      </text>
    );
  };
}
