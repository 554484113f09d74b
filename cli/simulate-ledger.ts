/**
 * `simulate`'s population in the run ledger: the same ledger files, in the same folder per target, that `run` writes
 * and `scim-harness cleanup` drains (runner/ledgers.ts, steps/ledger.ts), so what a simulated IdP created is removed
 * by `cleanup` like a run's leftovers.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { claimLedger, ledgerDirFor, ledgerFileName } from '../runner/ledgers.ts';
import { ScimEngine, type EngineOptions, type ScimRequest, type ScimResponse } from '../simulators/engine/engine.ts';
import {
  intendedCreate, intentSettledBy, ledgerEffect, pendingResources, recordCreated, recordDeleted, recordIntended, recordSettled,
  unresolvedIntents,
} from '../steps/ledger.ts';
import { newRunId } from '../steps/parameters.ts';

/** One simulate run's ledger: where it is, and what it holds. */
export class SimulateLedger {
  readonly runId = newRunId();
  readonly path: string;
  private readonly release: () => void;

  /**
   * Claims a new ledger for `target` (the SCIM base URL as `run` and `cleanup` spell it: no query, no trailing
   * slash) in the harness home of `env`. The run is marked live until `close()`, so a concurrent `run` or `cleanup`
   * leaves the population alone while the simulation still uses it.
   */
  constructor(target: string, env: NodeJS.ProcessEnv = process.env) {
    const dir = ledgerDirFor(target, env);
    this.path = join(dir, ledgerFileName(this.runId));
    this.release = claimLedger(dir, this.runId);
  }

  /** Resources the target still holds by the ledger's account (created and not deleted), plus creates of unknown outcome. */
  pending(): number {
    return pendingResources(this.path).length + unresolvedIntents(this.path).length;
  }

  /** Ends the claim; a ledger with nothing pending is removed, else it stays for `scim-harness cleanup`. */
  close(): void {
    this.release();
    if (this.pending() === 0) rmSync(this.path, { force: true });
  }
}

/**
 * A ScimEngine whose creates and deletions go into a SimulateLedger: the intent (by userName or displayName) is
 * written BEFORE the POST is sent, so a create cut off in flight is still found by name; a 201 records the id, a
 * client error settles the intent (nothing was created), a DELETE's 2xx/404 records the deletion.
 */
export class LedgeredEngine extends ScimEngine {
  constructor(options: EngineOptions, private readonly ledger: SimulateLedger) {
    super(options);
  }

  override async send<T = unknown>(req: ScimRequest, signal?: AbortSignal): Promise<ScimResponse<T>> {
    const { path, runId } = this.ledger;
    const intent = intendedCreate(req.method, req.path, req.body, runId);
    if (intent) recordIntended(path, intent);
    const res = await super.send<T>(req, signal);
    const effect = ledgerEffect(req.method, req.path, res.status, res.text);
    if (effect && 'created' in effect) {
      recordCreated(path, { ...effect.created, runId, createdAt: new Date().toISOString(), ...(intent ? { resolves: intent.intended } : {}) });
    } else if (effect) {
      recordDeleted(path, effect.deleted);
    } else if (intent && intentSettledBy(res.status) && res.status >= 400) {
      // A success that named no id stays open: the cleanup finds it by name.
      recordSettled(path, intent.intended);
    }
    return res;
  }
}
