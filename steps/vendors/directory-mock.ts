import { MockDirectory } from '../../simulators/directory/mock-directory.ts';

/** Starts the simulators' embedded LDAP directory (safe inside a parallel cucumber worker). */
export function startDirectory(): Promise<MockDirectory> {
  return MockDirectory.start();
}
