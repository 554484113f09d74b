// Loopback ports for tests that start servers which cannot listen on port 0 themselves (slapd, PostgreSQL, README
// examples): one free port from the kernel, and whether anything still listens on one.
import { connect, createServer } from 'node:net';

/** A port the kernel just handed out on 127.0.0.1 and that is free again when this resolves. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether a TCP connection to 127.0.0.1:port is accepted now. */
export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
