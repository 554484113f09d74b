import { MockDirectory } from '../../simulators/directory/mock-directory.ts';

/**
 * Starts the simulators' embedded LDAP directory inside a cucumber worker. ldap-server-mock reports
 * {status: 'started'} through process.send whenever the process has an IPC parent; in a parallel worker that
 * parent is cucumber's coordinator, which aborts the whole run on an unknown message. The channel is hidden
 * while the mock starts (the worker itself sends nothing while this step is awaiting).
 */
export async function startDirectory(): Promise<MockDirectory> {
  const send = process.send;
  process.send = undefined;
  try {
    return await MockDirectory.start();
  } finally {
    process.send = send;
  }
}
