import { readFile, writeFile } from 'node:fs/promises';

/** What a Ping connector remembers between runs, keyed by the directory entry's GUID (entryUUID). */
export interface ConnectorState {
  users: Record<string, { targetId: string; dn: string; snapshot: string; active: boolean }>;
  groups: Record<string, { targetId: string; cn: string; members: string[] }>;
}

export interface StateStore {
  load(): Promise<ConnectorState>;
  save(state: ConnectorState): Promise<void>;
}

const empty = (): ConnectorState => ({ users: {}, groups: {} });

export class MemoryStateStore implements StateStore {
  private state = empty();

  async load(): Promise<ConnectorState> {
    return structuredClone(this.state);
  }

  async save(state: ConnectorState): Promise<void> {
    this.state = structuredClone(state);
  }
}

/** JSON on disk, so a connector run by `simulate` twice picks up where it left off. */
export class FileStateStore implements StateStore {
  constructor(private readonly path: string) {}

  async load(): Promise<ConnectorState> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as ConnectorState;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw err;
    }
  }

  async save(state: ConnectorState): Promise<void> {
    await writeFile(this.path, JSON.stringify(state, null, 2));
  }
}
