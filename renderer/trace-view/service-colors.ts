// Service colors: distinct hues that read on both the light and the dark background.
const palette = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#17becf',
  '#bcbd22',
];

export function serviceColor(serviceIndex: number): string {
  return palette[serviceIndex % palette.length]!;
}
