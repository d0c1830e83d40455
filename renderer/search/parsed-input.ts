/** What a filter's text input means: nothing yet, a value, or why it is not valid (shown in place). */
export type ParsedInput<T> =
  | { readonly state: 'empty' }
  | { readonly state: 'valid'; readonly value: T }
  | { readonly state: 'invalid'; readonly message: string };
