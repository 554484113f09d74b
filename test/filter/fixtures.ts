import { URN } from '../../scim/urns.ts';

/** Users and groups shaped like full SCIM responses, chosen so each filter case separates them. */
export const users: Record<string, unknown>[] = [
  {
    schemas: [URN.User, URN.EnterpriseUser],
    id: 'u1',
    externalId: 'AbC-9',
    userName: 'bjensen',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    displayName: 'Babs Jensen',
    title: 'Tour Guide',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    ims: [{ value: 'bjensen@foo.com', type: 'xmpp' }],
    x509Certificates: [{ value: 'TUlJRA==' }],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', version: 'W/"a330bc54f0671c9"' },
    [URN.EnterpriseUser]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: 'm1', displayName: 'John Smith' } },
  },
  {
    schemas: [URN.User],
    id: 'u2',
    externalId: 'xyz',
    userName: 'JSmith',
    name: { familyName: "O'Malley", givenName: 'John' },
    userType: 'Intern',
    active: false,
    emails: [
      { value: 'john@example.org', type: 'home' },
      { value: 'jsmith@example.com', type: 'work', primary: true },
    ],
    meta: { resourceType: 'User', created: '2011-01-01T00:00:00Z', lastModified: '2012-01-01T00:00:00.000Z', version: 'W/"2"' },
  },
  {
    schemas: [URN.User],
    id: 'u3',
    userName: 'ÉLISE',
    displayName: 'a "quoted" name',
    title: '',
    userType: 'Contractor',
    active: true,
    emails: [],
    // The same instant as u1's lastModified, written with an offset.
    meta: { resourceType: 'User', created: '2011-05-13T06:42:34+02:00', lastModified: '2011-05-13T06:42:34+02:00' },
  },
  {
    // Non-canonical member names: lookups are case-insensitive.
    Schemas: [URN.User, URN.EnterpriseUser],
    ID: 'u4',
    USERNAME: 'zoë',
    Name: { FamilyName: 'Zed' },
    usertype: 'Employee',
    Active: true,
    Emails: [{ Value: 'zoe@EXAMPLE.com', Type: 'other' }],
    meta: { resourceType: 'User', lastModified: '2011-05-13T04:42:35.5Z' },
    [URN.EnterpriseUser.toLowerCase()]: { department: 'R&D', manager: [{ value: 'm2' }] },
  },
];

export const groups: Record<string, unknown>[] = [
  {
    schemas: [URN.Group],
    id: 'g1',
    displayName: 'Tour Guides',
    members: [
      { value: 'u1', type: 'User', display: 'Babs Jensen' },
      { value: 'u2', type: 'User' },
    ],
    meta: { resourceType: 'Group' },
  },
  { schemas: [URN.Group], id: 'g2', displayName: 'Group Two', members: [], meta: { resourceType: 'Group' } },
  { schemas: [URN.Group], id: 'g3', displayName: 'group three', members: [{ value: 'u3' }], meta: { resourceType: 'Group' } },
];

export const idOf = (resource: Record<string, unknown>) => String(resource.id ?? resource.ID);
