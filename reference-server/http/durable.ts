import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Acknowledges writes only once they are durable: for every method that may write (anything but GET and HEAD) the
 * response is held back until `durable()` resolves, which batches the flushes of every request in flight into one
 * (group commit). If the flush fails the connection is dropped, so the client never sees a success that is not on disk.
 */
export function acknowledgeWhenDurable(handler: Handler, durable: () => Promise<void>): Handler {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        durable().then(
          () => end(...args),
          (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
        );
        return res;
      }) as ServerResponse['end'];
    }
    return handler(req, res);
  };
}
