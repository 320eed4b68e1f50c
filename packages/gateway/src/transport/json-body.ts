import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies, where an empty body means none: `curl -X POST -H 'Content-Type: application/json' …` without `-d`
 * works. Anything else goes to Fastify's own parser, which refuses prototype poisoning (`__proto__`, `constructor`).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) done(Object.assign(new Error(refusalOf(text)), { statusCode: 400 }), undefined);
      else done(null, value);
    });
  });
}

/** Fastify's parser refuses both alike; valid JSON with a prototype-poisoning key is refused as such. */
function refusalOf(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return 'the body is not valid JSON';
  }
  return 'the body must not contain a "__proto__" or "constructor.prototype" key';
}
