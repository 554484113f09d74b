import { Given } from '@cucumber/cucumber';
import { FEATURES, type Feature } from '../capabilities.ts';
import type { ScimWorld } from '../world.ts';

// MUST† requirements: skipped, never failed, when /ServiceProviderConfig says the feature is unsupported.
Given('the server supports {word}', async function (this: ScimWorld, feature: string) {
  if (!(FEATURES as readonly string[]).includes(feature)) throw new Error(`unknown feature "${feature}"; one of ${FEATURES.join(', ')}`);
  return this.requireFeature(feature as Feature);
});

Given('the target is served over https', function (this: ScimWorld) {
  if (!this.params.target.startsWith('https://')) return this.skip('the target is plain http:// (a local deployment); TLS can only be checked on https://');
});
