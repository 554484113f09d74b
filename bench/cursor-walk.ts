/**
 * RFC 9865 cursor walk over a large SQLite-backed directory while users are created and deleted between pages.
 *   npm run bench:cursor -- [users=100000] [count=200]
 * Seeds the users straight into the store (one transaction), then walks GET /Users by nextCursor over HTTP; after
 * every page a deterministic writer deletes two users (one ahead of the walk, one behind) and creates two.
 * Checks that every user present throughout was returned exactly once and that no user was returned twice, and
 * prints the figures. Exit 1 when the check fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../reference-server/index.ts';
import { DEFAULT_TENANT } from '../reference-server/tenants/tenants.ts';
import { URN } from '../scim/urns.ts';

const USERS = Number(process.argv[2] ?? 100_000);
const COUNT = Number(process.argv[3] ?? 200);
const TOKEN = 'bench-cursor-token';

const dir = mkdtempSync(join(tmpdir(), 'scim-cursor-bench-'));
const server = await startServer({ port: 0, store: `sqlite:${join(dir, 'bench.db')}`, token: TOKEN, timers: false });
const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/scim+json' };

try {
  const seedStart = performance.now();
  const ids: string[] = [];
  server.store.transaction(() => {
    const now = new Date().toISOString();
    for (let i = 0; i < USERS; i++) {
      const userName = `bench-${String(i).padStart(6, '0')}`;
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      ids.push(id);
      server.store.insert({
        tenant: DEFAULT_TENANT, type: 'User', id, data: { schemas: [URN.User], userName }, uniqueKey: userName,
        externalId: null, display: userName, created: now, lastModified: now, version: 1,
      });
    }
  });
  const seedMs = performance.now() - seedStart;

  const seen = new Map<string, number>();
  const deleted = new Set<string>();
  let created = 0;
  let pages = 0;
  let cursor = '';
  const walkStart = performance.now();
  for (;;) {
    const res = await fetch(`${server.url}/Users?count=${COUNT}&cursor=${encodeURIComponent(cursor)}&attributes=userName`, { headers });
    if (res.status !== 200) throw new Error(`page ${pages + 1}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { Resources?: { id: string }[]; nextCursor?: string };
    pages++;
    for (const r of body.Resources ?? []) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
    // Deterministic writers: one delete ahead of the walk, one behind it, two creates (which land ahead of it).
    for (const victim of [ids[(pages * 7919) % USERS], ids[(pages * 104_729 + 13) % USERS]]) {
      if (deleted.has(victim)) continue;
      const del = await fetch(`${server.url}/Users/${victim}`, { method: 'DELETE', headers });
      if (del.status !== 204) throw new Error(`delete ${victim}: HTTP ${del.status}`);
      deleted.add(victim);
    }
    for (let k = 0; k < 2; k++) {
      const post = await fetch(`${server.url}/Users`, { method: 'POST', headers, body: JSON.stringify({ schemas: [URN.User], userName: `late-${pages}-${k}` }) });
      if (post.status !== 201) throw new Error(`create: HTTP ${post.status}`);
      created++;
    }
  }
  const walkMs = performance.now() - walkStart;

  const twice = [...seen.values()].filter((n) => n > 1).length;
  const missed = ids.filter((id) => !deleted.has(id) && !seen.has(id)).length;
  console.log(`cursor walk over ${USERS} users (SQLite store), count=${COUNT}`);
  console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s; walked ${pages} pages in ${(walkMs / 1000).toFixed(1)} s (${Math.round(seen.size / (walkMs / 1000))} users/s)`);
  console.log(`  during the walk: ${deleted.size} deleted, ${created} created; returned ${seen.size} distinct users`);
  console.log(`  returned twice: ${twice}; present throughout but missed: ${missed}`);
  if (twice > 0 || missed > 0) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
