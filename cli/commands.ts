import type { Command } from 'commander';

/** A sub-command registers itself on the program; `setExit` records the process exit code it wants. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

import { registerServe } from './serve.ts';
import { registerRun } from './run.ts';
import { registerCleanup } from './cleanup.ts';
import { registerAdmin } from './admin.ts';
import { registerSimulate } from './simulate.ts';

export const commands: RegisterCommand[] = [registerServe, registerRun, registerCleanup, registerSimulate, registerAdmin];
