import { Given, Then, When } from '@cucumber/cucumber';
import { connect } from 'node:tls';
import { expectScimError } from '../assertions.ts';
import type { ScimWorld } from '../world.ts';

/** Transport and authentication (RFC 7644 §2, §3.8, §7.2). */

Given('the target requires credentials', function (this: ScimWorld) {
  if (this.params.auth.kind === 'none') return this.skip('the run has no credentials, so the target is taken to be open');
});

Given('the run has low-privilege credentials', function (this: ScimWorld) {
  return this.skip('no low-privilege credentials were given to the run; 403 cannot be probed');
});

When('I open a TLS connection to the target allowing only TLS 1.2', async function (this: ScimWorld) {
  const url = new URL(this.params.target);
  const outcome = await new Promise<{ protocol?: string; error?: string }>((resolve) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: url.hostname,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      timeout: this.params.timeoutMs,
    });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol() ?? undefined });
      socket.end();
    });
    socket.once('timeout', () => {
      resolve({ error: `no TLS handshake within ${this.params.timeoutMs} ms` });
      socket.destroy();
    });
    socket.once('error', (err) => resolve({ error: err.message }));
  });
  this.remember('tls handshake', outcome);
});

Then('the TLS 1.2 handshake succeeds', function (this: ScimWorld) {
  const outcome = this.fixture('tls handshake');
  this.check(outcome.protocol === 'TLSv1.2', 'TLSv1.2', outcome.error ?? outcome.protocol ?? null, `TLS 1.2 handshake failed: ${String(outcome.error ?? outcome.protocol)}`);
});

Then('the response is a 401 with a SCIM error body if any', function (this: ScimWorld) {
  expectScimError(this, this.response, [401]);
});
