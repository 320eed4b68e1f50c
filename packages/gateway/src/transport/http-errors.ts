import type { Socket } from 'node:net';
import type { HttpErrorBody } from '@agentsdk/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type * as v from 'valibot';

/** Client input quoted in an error message is cut to this many characters: a huge body or URL is not echoed. */
const QUOTE_LIMIT = 80;

export function brief(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}

/** Every HTTP error body is `{ "error": { "code", "message" } }`. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: HttpErrorBody = { error: { code, message } };
  return reply.code(status).send(body);
}

/** Fastify's own errors (malformed JSON, too large a body) and unknown routes answer in the same shape. */
export function registerHttpErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) return sendError(reply, 500, 'internal_error', 'internal error: try again later');
    return sendError(reply, status, 'bad_request', brief(error.message));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `no route ${request.method} ${brief(request.url.split('?')[0] ?? '')}`),
  );
}

/** Errors Fastify meets before routing (a malformed URL, a path segment over the length limit), in the same shape. */
export function frameworkErrorHandler(
  error: { statusCode?: number; code?: string; message: string },
  _request: unknown,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path segment is too long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the URL is malformed'
        : brief(error.message);
  void sendError(reply, status, status === 414 ? 'uri_too_long' : 'bad_request', message);
}

/** Requests Node's HTTP parser refuses (headers too large, garbage), answered in the same shape, then the socket closed. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, text, code, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'the request headers are too large']
    : [400, 'Bad Request', 'bad_request', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    // Closed once the answer is out, whether or not the client ends its side (or the server's close would wait for it).
    () => socket.destroy(),
  );
}

/** A body's first problem, naming its field: an unknown field, a missing one, a wrong type, or the rule it breaks. */
export function issueMessage(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const field = issue.path?.map((item) => String(item.key)).join('.');
  if (issue.expected === 'never') return `${field} is not a known field`;
  if (issue.input === undefined && field) return `${field} is required`;
  // valibot's own messages quote what was sent (it may be a whole body, or a secret): say what was expected instead.
  if (issue.message.includes('but received')) return `${field || 'the body'} must be ${issue.expected}`;
  return brief(issue.message);
}
