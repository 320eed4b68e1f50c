/** Narrows an operation's response to its success, failing the test with the refusal otherwise. */
export function succeeded<R extends { code: 0 | -1 }>(response: R): Extract<R, { code: 0 }> {
  if (response.code !== 0) throw new Error(`expected success, got ${JSON.stringify(response)}`);
  return response as Extract<R, { code: 0 }>;
}
