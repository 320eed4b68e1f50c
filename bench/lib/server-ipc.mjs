/**
 * The measuring side of a server child process: answers the bench runner's IPC requests for CPU time and memory, and
 * stops the process when asked. `handlers` adds requests of its own (the gateway's key issuing, for instance).
 */
export function serveBenchRequests(handlers, stop) {
  process.on('message', async ({ id, request, args }) => {
    try {
      const value = await answer(request, args);
      process.send({ id, value });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });

  async function answer(request, args) {
    if (request === 'cpu') return process.cpuUsage();
    if (request === 'memory') {
      global.gc?.();
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    }
    if (request === 'stop') {
      await stop();
      setImmediate(() => process.exit(0));
      return true;
    }
    const handler = handlers[request];
    if (!handler) throw new Error(`unknown bench request ${request}`);
    return handler(args);
  }
}
