/**
 * The catalogue's constant names are their string values in SCREAMING_SNAKE_CASE (`agentNoAnswer` ->
 * `AGENT_NO_ANSWER`), with `ObCall` one word (`previewObCallResult` -> `PREVIEW_OBCALL_RESULT`). Tables whose names
 * follow the rule are built from their values, so the SDK's core carries each name once.
 */

type JoinObCall<S extends string> = S extends `${infer A}ObCall${infer B}` ? `${A}Obcall${B}` : S;
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Tail extends Uncapitalize<Tail>
    ? `${Lowercase<Head>}${SnakeCase<Tail>}`
    : `${Lowercase<Head>}_${SnakeCase<Tail>}`
  : S;

/** `'agentNoAnswer'` -> `'AGENT_NO_ANSWER'`, `'previewObCall'` -> `'PREVIEW_OBCALL'`. */
export type ConstantName<S extends string> = Uppercase<SnakeCase<JoinObCall<S>>>;

export function constantName<S extends string>(value: S): ConstantName<S> {
  return value
    .replace('ObCall', 'Obcall')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase() as ConstantName<S>;
}

/** `{ SPY: 'spy', WHISPER: 'whisper' }` for the values `['spy', 'whisper']`. */
export type ConstantsOf<V extends string> = { readonly [S in V as ConstantName<S>]: S };

export function constantsOf<const V extends readonly string[]>(values: V): ConstantsOf<V[number]> {
  return Object.fromEntries(values.map((value) => [constantName(value), value])) as ConstantsOf<V[number]>;
}
