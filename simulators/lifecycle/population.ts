import { en, Faker } from '@faker-js/faker';

export interface Person {
  index: number;
  givenName: string;
  familyName: string;
  /** Also the userName: unique within the run and carrying the run's prefix. */
  email: string;
  title: string;
  department: string;
  /** Ids the IdP itself would hold: Okta 00u..., Entra objectId and mailNickname. */
  oktaId: string;
  objectId: string;
  mailNickname: string;
}

export interface Population {
  prefix: string;
  people: Person[];
  groups: string[];
  /** The same seed gives the same choices, so the same seed gives the same requests. */
  faker: Faker;
}

/**
 * A seeded faker population: `users` people and `groups` group names, all prefixed with the run's prefix. The
 * prefix names the IdP too, so `simulate okta` and `simulate ping` with one seed on one server never collide.
 */
export function makePopulation(users: number, groups: number, seed: number, idp?: string): Population {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const prefix = idp ? `sim${seed}-${idp}` : `sim${seed}`;
  const people = Array.from({ length: users }, (_, index): Person => {
    const givenName = faker.person.firstName();
    const familyName = faker.person.lastName();
    const local = `${givenName}.${familyName}.${index}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    return {
      index,
      givenName,
      familyName,
      email: `${local}@${prefix}.example.test`,
      title: faker.person.jobTitle(),
      department: faker.commerce.department(),
      oktaId: `00u${faker.string.alphanumeric(17)}`,
      objectId: faker.string.uuid(),
      mailNickname: `${prefix}-${local}`,
    };
  });
  const names = new Set<string>();
  while (names.size < groups) names.add(`${prefix} ${faker.commerce.department()} ${names.size + 1}`);
  return { prefix, people, groups: [...names], faker };
}

/** A seeded pick of distinct members for a group. */
export function pickMembers<T>(faker: Faker, from: T[], max: number): T[] {
  return faker.helpers.arrayElements(from, { min: 0, max: Math.min(max, from.length) });
}
